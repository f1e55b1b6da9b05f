// The Secret a literal moves into: a new `---` document appended to the file, or a key added to a
// Secret of that name already in the file. The value moves as written (its YAML source text, so quotes
// and escapes mean what they meant): an empty placeholder would start the workload with "" instead.
// It was already in this file; the comment says where it should live instead.
import type { YAMLMap } from 'yaml';
import type { TextEdit } from '../../findings';
import { getString } from '../nodes';
import { objectsOf, type K8sObject } from '../workloads';
import { addMapPair } from './edits';
import { dns1123Subdomain, emitBlockMap, map, raw, str, type YamlValue } from './emit';
import { directMap, type ContainerSite } from './site';
import { documentStyle } from './style';

export interface SecretPlan {
  name: string;
  edits: TextEdit[];
}

const MOVED_NOTE = "# Moved from the workload's env: better kept out of the repository (kubectl create secret, a sealed or external secret).";

/**
 * Where `key` will live: the first of `<base>`, `<base>-2`… that is new or can take the key.
 * `value` is the literal's value; it is written as a JSON string (valid YAML double-quoted).
 */
export function planSecretFor(site: ContainerSite, base: string, key: string, value: string, namespace: string | undefined): SecretPlan | undefined {
  const secrets = objectsOf(site.ctx).filter((o) => o.kind === 'Secret');
  for (let n = 1; n < 20; n++) {
    const name = dns1123Subdomain(n === 1 ? base : `${base}-${n}`);
    const existing = secrets.find((s) => s.name === name && namespaceOf(s) === namespace);
    // A document written as JSON (a .json file) cannot take a second, YAML document: no new Secret there.
    if (!existing) return site.style.json ? undefined : { name, edits: [appendSecretDocument(site, name, key, JSON.stringify(value), namespace)] };
    const edits = addKey(site, existing, key, JSON.stringify(value));
    if (edits) return { name, edits };
  }
  return undefined;
}

function addKey(site: ContainerSite, secret: K8sObject, key: string, value: string): TextEdit[] | undefined {
  if (secret.document.broken) return undefined;
  const data = directMap(secret.map, 'data');
  const stringData = directMap(secret.map, 'stringData');
  if (data?.has(key) || stringData?.has(key)) return undefined; // a value is already there: never overwrite or guess
  const target: { map: YAMLMap; key: string; value: YamlValue } | undefined = stringData
    ? { map: stringData, key, value: raw(value) }
    : secret.map.has('stringData')
      ? undefined
      : { map: secret.map, key: 'stringData', value: map([key, raw(value)]) };
  if (!target) return undefined;
  const style = documentStyle(secret.document.doc, site.lines);
  return addMapPair({ ...site, style }, target.map, target.key, target.value);
}

function appendSecretDocument(site: ContainerSite, name: string, key: string, value: string, namespace: string | undefined): TextEdit {
  const body = map(
    ['apiVersion', raw('v1')],
    ['kind', raw('Secret')],
    ['metadata', map(['name', str(name)], ['namespace', namespace === undefined ? undefined : str(namespace)])],
    ['type', raw('Opaque')],
    ['stringData', map([key, raw(value)])],
  );
  const lines = emitBlockMap(body, 0, site.style);
  lines.splice(lines.length - 1, 0, `${' '.repeat(site.style.indent)}${MOVED_NOTE}`);
  const text = site.lines.text;
  // The file keeps ending the way it did: with a line break, or (appended after one) without.
  const endsWithBreak = text.length === 0 || /[\r\n]$/.test(text);
  const document = `---${site.eol}${lines.join(site.eol)}`;
  return { start: text.length, end: text.length, newText: endsWithBreak ? `${document}${site.eol}` : `${site.eol}${document}` };
}

export function namespaceOf(object: K8sObject): string | undefined {
  return getString(directMap(object.map, 'metadata'), 'namespace', object.document.doc);
}
