// RUN steps that print secrets into the build log (env-dumped, Dockerfile part): `env` / `printenv`
// with no arguments print the whole environment, with every secret build argument, ENV and
// `env=`-mounted secret in it; `set -x` (xtrace) echoes each command with its variables expanded, so a
// secret the step uses after it lands in the log. Only steps that do have a secret are flagged.
import type { Finding, Fix, TextEdit } from '../../findings';
import type { Detected, RuleEnv } from '../../rule';
import { partitionPoint } from '../../text';
import { declarationsVisibleTo, type DockerfileContext, type RunStep } from './model';
import { secretReason } from './secrets';

/**
 * `env` / `printenv` as a whole command: at a command's start, followed by nothing but a separator or
 * redirection — and not piped into something that keeps the names only: `| cut -d= -f1`, `| awk -F=
 * '{print $1}'`, or sed deleting from the `=` on.
 */
const ENV_DUMP =
  /(^|[;&|(\n]|\b(?:then|do|else)\b)([ \t]*)(env|printenv)(?=[ \t]*(?:$|[;&|)>\n]|\\\r?\n|#))(?![ \t]*\|[ \t]*(?:cut[ \t]+-d[ \t]*['"]?=['"]?[ \t]+-f[ \t]*1\b|awk[ \t]+-F[ \t]*['"]?=['"]?[ \t]+['"]\{[ \t]*print[ \t]+\$1|sed[ \t]+['"]?s\/=\.\*\/\/))/g;
/** `set -x`, `set -eux`, `set -o xtrace`; `bash -x` / `sh -x` running a script. */
const XTRACE =
  /(^|[;&|(\n]|\b(?:then|do|else)\b)([ \t]*)(?:(set[ \t]+-[A-Za-z]*x[A-Za-z]*)|(set[ \t]+-o[ \t]+xtrace)|((?:ba|da|z)?sh[ \t]+-[A-Za-z]*x[A-Za-z]*))(?=[ \t;&|\n]|$)/g;

/** The same patterns without the global flag, for a test that keeps no state between calls. */
const ENV_DUMP_ANY = new RegExp(ENV_DUMP.source);
const XTRACE_ANY = new RegExp(XTRACE.source);

interface Dump {
  /** `bare`: an exec-form `["env"]`, which has no shell to pipe in (no fix); `flag`: the `-xc` of `["sh", "-xc", …]`. */
  kind: 'env' | 'xtrace' | 'bare' | 'flag';
  /** Offsets in the file. */
  start: number;
  end: number;
  secrets: string[];
}

/** The secret variables a RUN step runs with: secret ENV/ARG declarations it sees, and secrets it mounts as env vars. */
function secretsOf(ctx: DockerfileContext, run: RunStep, env: RuleEnv): string[] {
  const declared = declarationsVisibleTo(ctx, run)
    .filter((d) => secretReason(ctx, d, env.names) !== undefined)
    .map((d) => d.name);
  const mounted = run.secretMounts.flatMap((m) => (m.env ? [m.env] : []));
  return [...new Set([...declared, ...mounted])];
}

/**
 * The shell script a RUN step runs, with its offset: the shell form as written; for the exec form,
 * `["env"]` itself, or the script of `["sh", "-c", "…"]` when it is written without escapes (so offsets
 * in it are offsets in the file). Undefined for an exec form that runs no shell script.
 */
function shellScriptOf(run: RunStep): { text: string; start: number; bare: boolean; traceFlag?: { start: number; end: number } } | undefined {
  const written = run.script.text;
  if (!/^\s*\[/.test(written)) return { text: written, start: run.script.start, bare: false };
  let args: unknown;
  try {
    args = JSON.parse(written.trim());
  } catch {
    return undefined;
  }
  if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) return undefined;
  const words = args;
  if (words.length === 1 && /^(?:.*\/)?(?:env|printenv)$/.test(words[0])) {
    const at = written.indexOf(JSON.stringify(words[0]));
    return { text: words[0].replace(/^.*\//, ''), start: run.script.start + at + 1 + words[0].length - words[0].replace(/^.*\//, '').length, bare: true };
  }
  if (words.length < 3 || !/^(?:.*\/)?(?:ba|da|z)?sh$/.test(words[0]) || !/^-[a-z]*c[a-z]*$/.test(words[1])) return undefined;
  const raw = JSON.stringify(words[2]);
  const at = written.indexOf(raw);
  if (at < 0 || raw.length !== words[2].length + 2) return undefined;
  const flagAt = written.indexOf(JSON.stringify(words[1]));
  const traceFlag =
    words[1].includes('x') && flagAt >= 0 ? { start: run.script.start + flagAt + 1, end: run.script.start + flagAt + 1 + words[1].length } : undefined;
  return { text: words[2], start: run.script.start + at + 1, bare: false, traceFlag };
}

function dumpsOf(ctx: DockerfileContext, run: RunStep, env: RuleEnv): Dump[] {
  const script = shellScriptOf(run);
  if (!script) return [];
  // Most steps print nothing: what they see is worked out only for those that do.
  if (!ENV_DUMP_ANY.test(script.text) && !XTRACE_ANY.test(script.text) && !script.traceFlag) return [];
  const secrets = secretsOf(ctx, run, env);
  const reads = script.text.includes('/run/secrets/');
  if (secrets.length === 0 && !reads) return [];
  const out: Dump[] = [];
  const base = script.start;
  for (const m of script.text.matchAll(ENV_DUMP)) {
    if (secrets.length === 0) break;
    const start = base + m.index + m[1].length + m[2].length;
    out.push({ kind: script.bare ? 'bare' : 'env', start, end: start + m[3].length, secrets });
  }
  if (script.traceFlag) {
    const used = run.references.filter((r) => secrets.includes(r.name)).map((r) => r.name);
    if (used.length > 0 || reads) out.push({ kind: 'flag', ...script.traceFlag, secrets: used.length > 0 ? [...new Set(used)] : ['a mounted secret file'] });
  }
  // What the step does after a point: the secret references from each one on (at most three names) and
  // where it last reads a mounted secret file — worked out once, so a step of 20,000 lines stays linear.
  const secretRefs = run.references.filter((r) => secrets.includes(r.name));
  const namesFrom: string[][] = new Array<string[]>(secretRefs.length + 1);
  namesFrom[secretRefs.length] = [];
  for (let i = secretRefs.length - 1; i >= 0; i--) {
    const later = namesFrom[i + 1];
    namesFrom[i] = later.includes(secretRefs[i].name) || later.length >= 3 ? later : [secretRefs[i].name, ...later].slice(0, 3);
  }
  const lastFileRead = script.text.lastIndexOf('/run/secrets/');
  for (const m of script.text.matchAll(XTRACE)) {
    const start = base + m.index + m[1].length + m[2].length;
    const end = start + (m[3] ?? m[4] ?? m[5]).length;
    // What the step does after turning tracing on: a secret it expands there is echoed.
    const used = namesFrom[partitionPoint(secretRefs, (r) => r.range.start < end)];
    const readsFile = lastFileRead >= end - base;
    if (used.length > 0 || readsFile) out.push({ kind: 'xtrace', start, end, secrets: used.length > 0 ? used : ['a mounted secret file'] });
  }
  return out;
}

export function detectDumps(ctx: DockerfileContext, env: RuleEnv): Detected[] {
  return ctx.runs.flatMap((run) =>
    dumpsOf(ctx, run, env).map((d): Detected => {
      const which = d.secrets.slice(0, 3).join(', ') + (d.secrets.length > 3 ? ', …' : '');
      const command = ctx.text.slice(d.start, d.end);
      return {
        start: d.start,
        end: d.end,
        message:
          d.kind === 'env' || d.kind === 'bare'
            ? `RUN ${command} prints the whole build environment, with secret ${which} in it, into the build log; print the names only.`
            : `\`${command}\` traces every command of this RUN step with its variables expanded, so ${which} is printed into the build log; turn tracing off.`,
        data: { dump: d.kind },
      };
    }),
  );
}

export function dumpFixes(ctx: DockerfileContext, finding: Finding): Fix[] {
  const command = ctx.text.slice(finding.start, finding.end);
  if (finding.data.dump === 'bare') return [];
  if (finding.data.dump === 'flag') {
    const flag = command.replace(/x/g, '');
    return [
      {
        title: 'Turn command tracing off in this step',
        kind: 'quickfix',
        preferred: true,
        edits: [{ start: finding.start, end: finding.end, newText: flag }],
        conflictKey: 'dockerfile',
      },
    ];
  }
  const edits =
    finding.data.dump === 'env' ? [{ start: finding.end, end: finding.end, newText: ' | cut -d= -f1' }] : xtraceOff(ctx, finding.start, finding.end, command);
  if (!edits) return [];
  const title = finding.data.dump === 'env' ? `Print the variable names only (${command} | cut -d= -f1)` : 'Turn command tracing off in this step';
  // Edits inside one step's script: fix-all applies every step's in one pass (no conflict key).
  return [{ title, kind: 'quickfix', preferred: true, edits }];
}

/** `set -eux` → `set -eu`; a lone `set -x` (or `set -o xtrace`) goes with its separator; `bash -x` → `bash`. */
function xtraceOff(ctx: DockerfileContext, start: number, end: number, command: string): TextEdit[] | undefined {
  const flags = /^((?:set|(?:ba|da|z)?sh)[ \t]+)-([A-Za-z]*)$/.exec(command);
  if (flags) {
    const rest = flags[2].replace(/x/g, '');
    if (rest !== '') return [{ start, end, newText: `${flags[1]}-${rest}` }];
    if (!command.startsWith('set')) return [{ start: start + flags[1].trimEnd().length, end, newText: '' }];
  }
  // The whole command goes: with the `&&` / `;` after it, or its own line in a heredoc or script.
  const separator = /[ \t]*(?:&&|;)[ \t]*(?:\\\r?\n[ \t]*)?/y;
  separator.lastIndex = end;
  const after = separator.exec(ctx.text);
  if (after) return [{ start, end: end + after[0].length, newText: '' }];
  const line = ctx.lines.lineAt(start);
  const lineStart = ctx.lines.lineStart(line);
  if (ctx.text.slice(lineStart, start).trim() === '' && ctx.lines.lineEnd(line) === end)
    return [{ start: lineStart, end: ctx.lines.nextLineStart(line), newText: '' }];
  // Anything else: switch tracing off in place (`set +x` turns it off and is harmless when it is off).
  return [{ start, end, newText: 'set +x' }];
}
