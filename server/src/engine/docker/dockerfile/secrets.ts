// Which ENV and ARG declarations of a Dockerfile hold secrets. A secret name with a real value (not
// empty, not a path, flag or number, not a build-time dummy), any name with a credential-shaped value
// (known token formats, a URL with a password — not bare high-entropy strings: Dockerfiles are full of
// checksums and GPG fingerprints), or an ENV that copies a secret build argument into the image.
import { literalReason } from '../../k8s/env-uses';
import { SECRET_VALUE_LABELS, type SecretValueKind } from '../../k8s/values';
import { isSecretName, type NameLists } from '../../names';
import type { Declaration, DockerfileContext } from './model';

export type SecretReason = { kind: 'name' } | { kind: 'value'; shape: SecretValueKind } | { kind: 'copies'; from: string };

/** `$NAME`, `${NAME}`, `${NAME:-default}` and the like, as Dockerfiles and Compose write references. */
export const VARIABLE_REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** A value whose words say it is a stand-in used only while building (`SECRET_KEY=dummy` for collectstatic). */
const BUILD_DUMMY = /^["']?(?:dummy|placeholder|fake|not[-_ ]?a[-_ ]?secret|build[-_ ]?(?:time|only)|unused)\b/i;

const REASONS = new WeakMap<Declaration, SecretReason | null>();

/** Why a declaration holds a secret, or undefined (decided once per declaration of a parse). */
export function secretReason(ctx: DockerfileContext, decl: Declaration, names: NameLists): SecretReason | undefined {
  const known = REASONS.get(decl);
  if (known !== undefined) return known ?? undefined;
  REASONS.set(decl, null); // a cycle of copies (`ENV A=$B`, `ENV B=$A`) reads as no secret
  ctx.budget?.spend(1);
  const reason = decide(ctx, decl, names);
  REASONS.set(decl, reason ?? null);
  return reason;
}

function decide(ctx: DockerfileContext, decl: Declaration, names: NameLists): SecretReason | undefined {
  // A trailing `# …` is not a comment to Docker, but it says nothing about the value either.
  const value = decl.value === null ? undefined : unquote(decl.value.replace(/\s+#.*$/, ''));
  const namedSecret = isSecretName(decl.name, names);
  if (decl.keyword === 'ARG') {
    if (namedSecret) return { kind: 'name' };
    const shape = value === undefined ? undefined : credentialShape(value);
    return shape && { kind: 'value', shape };
  }
  if (value === undefined || value.trim() === '' || BUILD_DUMMY.test(value.trim())) return undefined;
  // A value made of references keeps whatever they held at build time: a secret build argument is baked in.
  const copied = referencedNames(value).find((n) => isSecretBuildValue(ctx, decl, n, names));
  if (copied !== undefined) return { kind: 'copies', from: copied };
  const written = value.replace(VARIABLE_REFERENCE, '');
  if (written !== value && written.trim() === '') return undefined;
  const reason = literalReason(namedSecret ? decl.name : '', written, names);
  if (reason === undefined || reason === 'high-entropy') return reason === 'high-entropy' && namedSecret ? { kind: 'name' } : undefined;
  return reason === 'name' ? { kind: 'name' } : { kind: 'value', shape: reason as SecretValueKind };
}

/** A known credential format (not bare entropy), or undefined. */
function credentialShape(value: string): SecretValueKind | undefined {
  const reason = literalReason('', value, { extra: [], ignore: [] });
  return reason === undefined || reason === 'high-entropy' || reason === 'name' ? undefined : (reason as SecretValueKind);
}

/** Whether `name`, referenced by `decl`'s value, is a secret declared before it (an ARG or an ENV that is one). */
function isSecretBuildValue(ctx: DockerfileContext, decl: Declaration, name: string, names: NameLists): boolean {
  // What the stage or a stage it is built FROM declares: a global ARG (before FROM) is empty in a stage
  // that does not declare it again.
  const ancestors = new Set<number>();
  for (let stage: number | undefined = decl.stage; stage !== undefined && !ancestors.has(stage); stage = ctx.stages[stage]?.parent) ancestors.add(stage);
  const source = [...(ctx.declarationsByName.get(name) ?? [])].reverse().find((d) => d.order < decl.order && ancestors.has(d.stage));
  if (!source) return false;
  return source.keyword === 'ARG'
    ? isSecretName(name, names) || secretReason(ctx, source, names) !== undefined
    : secretReason(ctx, source, names) !== undefined;
}

export function referencedNames(text: string): string[] {
  return [...text.matchAll(VARIABLE_REFERENCE)].map((m) => m[1] ?? m[2]);
}

export function reasonWords(reason: SecretReason): string {
  if (reason.kind === 'name') return 'its name says it is a secret';
  if (reason.kind === 'copies') return `it copies build argument ${reason.from}`;
  return `the value looks like ${SECRET_VALUE_LABELS[reason.shape]}`;
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}
