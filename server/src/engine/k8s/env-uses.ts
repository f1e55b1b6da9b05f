// Secrets reaching containers through the environment: `env[].valueFrom.secretKeyRef`,
// `envFrom[].secretRef` and secret-looking literal `env[].value`s. ConfigMap references are never uses.
import { isAlias, isScalar } from 'yaml';
import { isSecretName, type NameLists } from '../names';
import { secretValueKind, isNonSecretLiteral } from './values';
import type { ManifestContext } from './documents';
import { touchesTemplate } from './helm';
import { booleanOf, deref, mapsOf, pairsOf, rangeOf, reachMap } from './nodes';
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
        return [{ pod: container.pod, container, subject: e.entry, ...site, facts }];
      }),
    );
  });
}

export function envFromUses(ctx: ManifestContext): SecretUse[] {
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
      return [{ pod: container.pod, container, subject: e.entry, ...site, facts }];
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
      return [{ pod: container.pod, container, subject: e.entry, ...site, facts: { variable: variable || '(unnamed)', reason } }];
    });
  });
}

/** Why a literal is a secret (`name` or a value kind), or undefined when it is not one. */
export function literalReason(variable: string, value: string, names: NameLists): string | undefined {
  if (isNonSecretLiteral(value)) return undefined;
  if (variable !== '' && isSecretName(variable, names)) return 'name';
  return secretValueKind(value);
}

function eachEntry(ctx: ManifestContext, key: 'env' | 'envFrom', visit: (c: Container, e: ListEntry) => SecretUse[]): SecretUse[] {
  return allContainers(ctx).flatMap((container) => containerEntries(container, key).flatMap((e) => visit(container, e)));
}
