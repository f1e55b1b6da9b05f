// Secrets reaching containers through the environment: `env[].valueFrom.secretKeyRef`,
// `envFrom[].secretRef` and secret-looking literal `env[].value`s. ConfigMap references are never uses.
import { isAlias, isScalar } from 'yaml';
import { classifyName, isCredentialUrlName, isSecretName, namesAnIdentifier, type NameLists } from '../names';
import { secretValueKind, isNonSecretLiteral } from './values';
import type { ManifestContext } from './documents';
import { referencedVariables, referencesTo, type VariableReference } from './env-references';
import { touchesTemplate } from './helm';
import { chartFileSwitch } from './template-blocks';
import { booleanOf, deref, getString, mapsOf, pairsOf, rangeOf, reachMap } from './nodes';
import { containerEntries, nameOf, siteOf, type ListEntry, type SecretUse } from './uses';
import { allContainers, type Container } from './workloads';

export function envRefUses(ctx: ManifestContext): SecretUse[] {
  return eachEntry(ctx, 'env', (container, e) => {
    const doc = container.pod.object.document.doc;
    const entry = { node: e.entry, via: e.via };
    return mapsOf(entry, 'valueFrom', doc).flatMap((valueFrom) =>
      pairsOf(valueFrom, 'secretKeyRef', doc).flatMap(({ pair, via }) => {
        const site = siteOf(pair.key, via);
        const ref = reachMap(pair.value, doc, via);
        if (!site || !ref) return []; // `secretKeyRef:` still being typed is not a use yet
        const facts = {
          variable: nameOf(ctx, entry, 'name', doc) ?? '(unnamed)',
          secret: nameOf(ctx, ref, 'name', doc) ?? '(unnamed Secret)',
          key: nameOf(ctx, ref, 'key', doc) ?? '(no key)',
          optional: booleanOf(ref, 'optional', doc),
        };
        // A chart that reads the variable from a file behind a values switch: say so instead of editing.
        const fixBlocked = ctx.template ? chartFileSwitch(ctx, site.at.start, facts.variable) : undefined;
        return [
          { pod: container.pod, container, subject: e.entry, ...site, facts: { ...facts, fixBlocked }, blockers: blockersOf(ctx, container, facts.variable) },
        ];
      }),
    );
  });
}

/** Key names of a Secret, when known (the workspace index, else this file's own Secret manifests). */
export type SecretKeysOf = (secret: string) => readonly string[] | undefined;

export function envFromUses(ctx: ManifestContext, keysOf?: SecretKeysOf, names?: NameLists): SecretUse[] {
  return eachEntry(ctx, 'envFrom', (container, e) => {
    const doc = container.pod.object.document.doc;
    const entry = { node: e.entry, via: e.via };
    return pairsOf(entry, 'secretRef', doc).flatMap(({ pair, via }) => {
      const site = siteOf(pair.key, via);
      const ref = reachMap(pair.value, doc, via);
      if (!site || !ref) return [];
      const facts = {
        secret: nameOf(ctx, ref, 'name', doc) ?? '(unnamed Secret)',
        prefix: nameOf(ctx, entry, 'prefix', doc),
        optional: booleanOf(ref, 'optional', doc),
      };
      const keys = facts.secret === '(unnamed Secret)' ? undefined : keysOf?.(facts.secret);
      const blockers = names && envFromVariables(ctx, container, facts.prefix ?? '', keys, names).blockers;
      return [{ pod: container.pod, container, subject: e.entry, ...site, facts, blockers }];
    });
  });
}

/**
 * Literal `value`s that are secrets, by the variable's name or by the value's shape. Values that
 * contain Helm template actions are not literals in this file and are skipped.
 */
export function envLiteralUses(ctx: ManifestContext, names: NameLists): SecretUse[] {
  return eachEntry(ctx, 'env', (container, e) => {
    const doc = container.pod.object.document.doc;
    const entry = { node: e.entry, via: e.via };
    const variable = nameOf(ctx, entry, 'name', doc) ?? '';
    return pairsOf(entry, 'value', doc).flatMap(({ pair, via }) => {
      const scalar = deref(pair.value, doc);
      if (!isScalar(scalar) || typeof scalar.value !== 'string') return [];
      const site = siteOf(scalar, via ?? (isAlias(pair.value) ? pair.value : undefined));
      const written = rangeOf(scalar);
      if (!site || !written || touchesTemplate(ctx.template, written)) return [];
      const reason = literalReason(variable, scalar.value, names);
      if (!reason) return [];
      return [
        {
          pod: container.pod,
          container,
          subject: e.entry,
          ...site,
          facts: { variable: variable || '(unnamed)', reason },
          blockers: blockersOf(ctx, container, variable),
        },
      ];
    });
  });
}

/** Why a literal is a secret (`name` or a value kind), or undefined when it is not one. */
export function literalReason(variable: string, value: string, names: NameLists): string | undefined {
  if (isNonSecretLiteral(value)) return undefined;
  // `postgres://app:$(DB_PASSWORD)@db/app` composes other variables: only what is written is judged.
  const composed = value.replace(/\$\([A-Za-z_][A-Za-z0-9_]*\)/g, '');
  if (composed !== value) return isNonSecretLiteral(composed) ? undefined : secretValueKind(composed);
  // `DATABASE_URL` holds a secret when its URL embeds a password: `redis://redis:6379/0` holds none.
  if (variable !== '' && isCredentialUrlName(variable) && isUrl(value)) return secretValueKind(value);
  if (variable !== '' && isSecretName(variable, names)) return 'name';
  const kind = secretValueKind(value);
  // A random-looking value under an id's or a name's name (`KAFKA_CLUSTER_ID`, `GITHUB_CLIENT_ID`) is that id.
  return kind === 'high-entropy' && variable !== '' && (classifyName(variable, names) === 'about' || namesAnIdentifier(variable)) ? undefined : kind;
}

/** A URL (`scheme://…`, `jdbc:postgresql://…`): its value shape (`user:pass@`, `?password=`) says whether it holds a secret. */
function isUrl(value: string): boolean {
  return /^[a-z][\w+.:-]*:\/\/\S*$/i.test(value.trim());
}

/**
 * The variables an `envFrom` Secret gives the container (known keys, with the prefix; env entries of
 * the same name win over them), and the references that stop its fix: with known keys, those no
 * script rewrite can keep working; with unknown keys, every reference to a secret-named variable the
 * container does not define itself — it may come from the Secret, and its file name cannot be known.
 */
export function envFromVariables(
  ctx: ManifestContext,
  container: Container,
  prefix: string,
  keys: readonly string[] | undefined,
  names: NameLists,
): { variables: string[] | undefined; blockers: VariableReference[] } {
  const doc = container.pod.object.document.doc;
  const defined = new Set(containerEntries(container, 'env').map((e) => getString(e.entry, 'name', doc)));
  if (keys) {
    const variables = keys.map((k) => `${prefix}${k}`).filter((v) => !defined.has(v));
    return { variables, blockers: variables.flatMap((v) => blockersOf(ctx, container, v)) };
  }
  const suspects = referencedVariables(container, ctx.text).filter((v) => !defined.has(v) && v.startsWith(prefix) && isSecretName(v, names));
  return { variables: undefined, blockers: suspects.flatMap((v) => referencesTo(container, v, ctx.text)) };
}

/** References to the variable that no fix can keep working once the variable is gone (env-references.ts). */
function blockersOf(ctx: ManifestContext, container: Container, variable: string): VariableReference[] {
  return referencesTo(container, variable, ctx.text).filter((r) => !r.rewritable);
}

function eachEntry(ctx: ManifestContext, key: 'env' | 'envFrom', visit: (c: Container, e: ListEntry) => SecretUse[]): SecretUse[] {
  return allContainers(ctx).flatMap((container) => containerEntries(container, key).flatMap((e) => visit(container, e)));
}
