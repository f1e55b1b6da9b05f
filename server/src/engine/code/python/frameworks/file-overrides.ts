// The fix for Python frameworks with no secret-file support of their own (dynaconf, Flask's
// from_prefixed_env): right after the statement that loads the environment into the framework, the
// mounted Secret volume's files override the keys the file reads — only where a file exists, so
// without the volume the app behaves exactly as before. Read once at start (as the framework reads
// the environment); a rotated Secret needs a restart.
import type { Fix, TextEdit } from '../../../findings';
import { detectEol } from '../../../text';
import type { RuleEnv } from '../../../rule';
import type { CodeContext } from '../../context';
import type { FrameworkRead } from '../../frameworks';
import { envVarSecrecy } from '../../secret-env';
import { insertionAfterStatement } from '../../loader/placement';
import { osImportEdit } from '../imports';
import type { SyntaxNode } from '../../syntax';

export interface FileOverrides {
  /** The statement after which the overrides go (the framework has read the environment there). */
  after: SyntaxNode;
  /** The framework's keys, and the variable (file) name each comes from. */
  keys: readonly string[];
  variable: (key: string) => string;
  /** The framework's name for a key (dynaconf's are case-insensitive: upper case). */
  key?: (read: string) => string;
  /** The assignment of one value: `settings.set(_secret_key, _secret_value)`. */
  assign: string;
  framework: string;
  /** The key of the overrides' loop, for fix-all and for recognising a fixed file. */
  conflictKey: string;
}

/** The loop's first line, which also marks a file as fixed (`for _secret_key in ("A", "B"):`). */
export const OVERRIDE_LOOP = /for _secret_key in \(([^)]*)\):/g;

export function fileOverridesFix(ctx: CodeContext, o: FileOverrides, mountPath: string): Fix[] {
  if (o.keys.length === 0) return [];
  const eol = detectEol(ctx.text);
  const indent = /^[ \t]*/.exec(ctx.lines.lineText(ctx.lines.lineAt(o.after.startIndex)))?.[0] ?? '';
  const prefix = o.variable('');
  const keys = o.keys.map((k) => JSON.stringify(k)).join(', ') + (o.keys.length === 1 ? ',' : '');
  const block = [
    `# The mounted Secret volume's files (${o.variable(o.keys[0])}…) override what ${o.framework} read from the environment.`,
    `for _secret_key in (${keys}):`,
    `    _secret_file = os.path.join(os.environ.get("SECRETS_DIR", ${JSON.stringify(mountPath)}), ${JSON.stringify(prefix)} + _secret_key)`,
    '    if os.path.isfile(_secret_file):',
    '        with open(_secret_file, encoding="utf-8") as _secret_handle:',
    '            _secret_value = _secret_handle.read().rstrip("\\n")',
    `        ${o.assign}`,
  ]
    .map((l) => indent + l)
    .join('\n');
  const edits: TextEdit[] = [];
  const os = osImportEdit(ctx, eol);
  if (os) edits.push(os);
  edits.push(insertionAfterStatement(ctx, o.after, block, eol, 0));
  return [
    {
      title: `Read ${o.keys.join(', ')} from the files mounted at ${mountPath} when they are there (${o.framework} keeps the rest)`,
      kind: 'quickfix',
      preferred: true,
      edits,
      conflictKey: o.conflictKey,
    },
  ];
}

/**
 * Records one settings object's reads: each key read (unless an override loop of the file covers it
 * already) becomes a FrameworkRead whose fix is one override loop for every secret key of the object.
 * Without a statement to put the loop after, the reads have no fix.
 */
export function overridableReads(
  ctx: CodeContext,
  out: FrameworkRead[],
  o: Omit<FileOverrides, 'keys' | 'after'> & { after: SyntaxNode | undefined },
): (node: SyntaxNode, read: string) => void {
  const keys = new Set<string>();
  const covered = ctx.memo('overridden-keys', () => overriddenKeys(ctx.text));
  const after = o.after;
  const fixes = (env: RuleEnv): Fix[] =>
    after ? fileOverridesFix(ctx, { ...o, after, keys: [...keys].filter((k) => envVarSecrecy(o.variable(k), env).secret) }, env.settings.mountPath) : [];
  return (node, read) => {
    const key = o.key ? o.key(read) : read;
    if (covered.has(key)) return;
    keys.add(key);
    out.push({ node, name: o.variable(key), framework: o.framework, fixedRead: after && { kind: 'file' }, fixes });
  };
}

/** The keys an earlier override loop of the file covers already. */
function overriddenKeys(text: string): Set<string> {
  const out = new Set<string>();
  OVERRIDE_LOOP.lastIndex = 0;
  for (let m = OVERRIDE_LOOP.exec(text); m; m = OVERRIDE_LOOP.exec(text)) for (const k of m[1].matchAll(/"([^"]*)"/g)) out.add(k[1]);
  return out;
}
