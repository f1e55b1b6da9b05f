// Which Compose environment entries hand a service a secret, and which keys of its env files are
// secrets. A secret name or a secret-named interpolated variable (`STRIPE: ${STRIPE_SECRET_KEY}`), a
// passed-through secret name, or a literal judged like a manifest's (k8s/env-uses.ts literalReason:
// by name, or a credential-shaped value) — never an empty value, a flag, a number or a path.
import { literalReason } from '../../k8s/env-uses';
import { SECRET_VALUE_LABELS, type SecretValueKind } from '../../k8s/values';
import { isSecretName, type NameLists } from '../../names';
import type { EnvEntry } from './model';

export type EntrySecrecy = { why: string; literal: boolean };

/** A variable named for who or where, not for a credential: `MINIO_ROOT_USER`, `DB_USERNAME`, `ACCOUNT_ID`, `DB_HOST`. */
/** Variables every shell sets, which say nothing secret: `${PWD}` is a directory, not a password. */
const SHELL_VARIABLES: ReadonlySet<string> = new Set(['PWD', 'OLDPWD', 'HOME', 'USER', 'PATH', 'HOSTNAME', 'UID', 'GID', 'SHELL', 'TMPDIR', 'LANG']);

const IDENTITY_SOURCE = /(?:^|_)(?:USER|USERNAME|USER_NAME|LOGIN|ID|NAME|EMAIL|HOST|HOSTNAME|PORT|ACCOUNT|REGION)$/i;

export function entrySecrecy(entry: EnvEntry, names: NameLists): EntrySecrecy | undefined {
  const named = isSecretName(entry.name, names);
  const value = entry.value;
  switch (value.kind) {
    case 'passthrough':
      return named ? { why: 'its name says it is a secret; Compose passes it through from the shell', literal: false } : undefined;
    case 'interpolated':
      // `S3_ACCESS_KEY: ${MINIO_ROOT_USER}`: the variable it comes from says what it holds; `${PWD}` is the shell's directory.
      if ((named && IDENTITY_SOURCE.test(value.source)) || SHELL_VARIABLES.has(value.source)) return undefined;
      if (named) return { why: `its name says it is a secret; Compose interpolates it from \${${value.source}}`, literal: false };
      return isSecretName(value.source, names) ? { why: `it is interpolated from secret \${${value.source}}`, literal: false } : undefined;
    case 'composed': {
      const secretSource = value.sources.find((s) => isSecretName(s, names));
      if (secretSource !== undefined) return { why: `its value is built from secret \${${secretSource}}`, literal: false };
      const reason = literalReason('', value.written, names);
      return reason === undefined ? undefined : { why: `its value holds ${SECRET_VALUE_LABELS[reason as SecretValueKind] ?? 'a secret'}`, literal: true };
    }
    case 'literal': {
      const reason = literalReason(entry.name, value.text, names);
      if (reason === undefined) return undefined;
      return {
        why:
          reason === 'name'
            ? 'its name says it is a secret, and its value is written in this file'
            : `its value looks like ${SECRET_VALUE_LABELS[reason as SecretValueKind]}`,
        literal: true,
      };
    }
  }
}

/** The secret keys an env file (`KEY=value` lines; `export`, quotes and comments allowed) gives a service. */
export function envFileSecrets(text: string, names: NameLists): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const value = m[2].replace(/\s+#.*$/, '').replace(/^(["'])(.*)\1$/, '$2');
    if (isSecretName(m[1], names) && literalReason(m[1], value, names) !== undefined) out.push(m[1]);
  }
  return [...new Set(out)];
}
