// Parses `secret-hints scan [paths…] [options]` with Node's util.parseArgs (strict: an unknown option
// or a missing value is a usage error, exit code 2).
import { parseArgs as parseNodeArgs } from 'node:util';
import { RULES } from '../engine/analyze';
import type { Severity } from '../engine/findings';

export type Format = 'text' | 'json' | 'sarif';

export interface ScanOptions {
  paths: string[];
  format: Format;
  fix: boolean;
  rules: string[] | undefined;
  exclude: string[];
  mountPath: string | undefined;
  /** The deployed apps read their secrets from files: the plain-mount manifest fix is preferred. */
  appsReadFiles: boolean;
  /** Files that were not analysed do not fail the scan (they are still reported). */
  allowSkipped: boolean;
  /** The lowest severity that fails the scan (exit code 1). */
  failOn: Severity;
  /** With this many warnings or fewer, warnings alone do not fail the scan (undefined: no such limit). */
  maxWarnings: number | undefined;
  /** Report only the findings that fail the scan, with no progress and no summary table. */
  quiet: boolean;
  /** Write the report to this file instead of stdout. */
  output: string | undefined;
  /** Record the findings in this baseline file (and exit 0). */
  writeBaseline: string | undefined;
  /** Report and fail only on findings this baseline file does not hold. */
  baseline: string | undefined;
  /** `--config FILE`: the project config for every file (undefined: each file's nearest). */
  config: string | undefined;
  /** `--no-config`: read no project config file. */
  noConfig: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: secret-hints scan [paths…] [options]

Finds secrets handed to processes as environment variables — Kubernetes manifests and Helm templates,
Dockerfiles and Docker Compose files — and code that reads secrets from the environment or logs them
(Python, TypeScript, JavaScript, Go, Java, Spring config files). Directories are walked, honouring
.gitignore.

Options:
  --format text|json|sarif   output format (default: text)
  --output file              write the report to this file instead of stdout
  --fix                      apply each finding's preferred fix in place
  --rule id[,id…]            only run these rules (repeatable)
  --exclude glob             skip files matching the glob (repeatable)
  --fail-on LEVEL            lowest severity that fails the scan: error, warning, information or
                             hint (default: hint — every finding fails; with --max-warnings: error)
  --max-warnings N           warnings fail the scan only when there are more than N
  --quiet                    report only the findings that fail the scan; no progress, no summary
  --write-baseline file      record today's findings in a baseline file (by fingerprint: no line
                             numbers, no values) and exit 0
  --baseline file            report and fail only on findings the baseline does not hold (scan
                             from the folder, with the paths, the baseline was written with)
  --config file              the project config for every scanned file (default: for each file,
                             the .secret-hints.yaml, .yml or .json of the nearest folder above it)
  --no-config                read no project config file
  --mount-path dir           where fixes mount secret files (default: /etc/secrets)
  --apps-read-files          the deployed apps read their secrets from <mount-path>/NAME, so --fix
                             may mount a Secret and remove its env var for any image (otherwise
                             only for images known to read *_FILE variables, or variables the
                             scanned code reads)
  --allow-skipped            files that could not be analysed (too large, not text, over the
                             work limit) are reported but do not fail the scan
  -h, --help                 show this help

Examples:
  secret-hints scan                                   scan the current directory
  secret-hints scan k8s/ src/ --format sarif --output secret-hints.sarif
  secret-hints scan --fail-on error --max-warnings 20 gate on errors, tolerate 20 warnings
  secret-hints scan --fix --apps-read-files deploy/   fix in place; the apps read secret files
  secret-hints scan --write-baseline .secret-hints-baseline.json   adopt on an existing repository,
  secret-hints scan --baseline .secret-hints-baseline.json         then gate only new findings
  secret-hints scan --rule k8s-secret-env-ref,compose-secret-env .

Project config: rule severities, secret-name patterns, exclusions and per-path overrides are read
from .secret-hints.yaml (see the README); command-line options win over it. An invalid config file
stops the scan (exit code 2).

Colours: on when the output is a terminal; NO_COLOR turns them off, FORCE_COLOR on.

Exit codes: 0 every file analysed, nothing that fails the scan; 1 findings that fail the scan
(see --fail-on, --max-warnings); 2 usage or I/O error; 3 no failing findings, but some files were
not analysed (see --allow-skipped).`;

const SEVERITIES: readonly Severity[] = ['hint', 'information', 'warning', 'error'];

/** Whether a finding of `severity` is at or above the `failOn` threshold. */
export function atLeast(severity: Severity, failOn: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(failOn);
}

export function parseArgs(argv: readonly string[]): ScanOptions | 'help' {
  const args = [...argv];
  if (args.length === 0 || args[0] === '-h' || args[0] === '--help' || args[0] === 'help') return 'help';
  const command = args.shift();
  if (command !== 'scan') throw new UsageError(`Unknown command "${command ?? ''}". Only "scan" is supported.`);
  let parsed: ReturnType<typeof parseScan>;
  try {
    parsed = parseScan(args);
  } catch (err) {
    // util.parseArgs' own errors (unknown option, missing value) are usage errors.
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
      throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, '.'));
    throw err;
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const value = (name: string, v: string | undefined): string | undefined => {
    if (v === '') throw new UsageError(`--${name} needs a value.`);
    return v;
  };
  const format = value('format', values.format) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`Unknown format "${format}" (text, json or sarif).`);
  const rules = (values.rule ?? []).flatMap((r) =>
    (value('rule', r) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const unknown = rules.filter((id) => !RULES.some((r) => r.id === id));
  if (unknown.length > 0) throw new UsageError(`Unknown rule ${unknown.join(', ')}. Known: ${RULES.map((r) => r.id).join(', ')}.`);
  const mountPath = value('mount-path', values['mount-path']);
  if (mountPath !== undefined && !mountPath.startsWith('/')) throw new UsageError('--mount-path must be an absolute path.');
  const maxWarningsText = value('max-warnings', values['max-warnings']);
  const maxWarnings = maxWarningsText === undefined ? undefined : Number(maxWarningsText);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0))
    throw new UsageError(`--max-warnings needs a whole number ≥ 0, not "${maxWarningsText}".`);
  if (values.baseline !== undefined && values['write-baseline'] !== undefined) throw new UsageError('--baseline and --write-baseline cannot be used together.');
  if (values.config !== undefined && values['no-config']) throw new UsageError('--config and --no-config cannot be used together.');
  const failOnText = value('fail-on', values['fail-on']);
  if (failOnText !== undefined && !(SEVERITIES as readonly string[]).includes(failOnText))
    throw new UsageError(`Unknown level "${failOnText}" for --fail-on (error, warning, information or hint).`);
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format,
    fix: values.fix ?? false,
    rules: rules.length > 0 ? rules : undefined,
    exclude: (values.exclude ?? []).map((e) => value('exclude', e) ?? ''),
    mountPath,
    appsReadFiles: values['apps-read-files'] ?? false,
    allowSkipped: values['allow-skipped'] ?? false,
    // Like ESLint's --max-warnings: with a warning budget, warnings fail only past it.
    failOn: (failOnText as Severity | undefined) ?? (maxWarnings === undefined ? 'hint' : 'error'),
    maxWarnings,
    quiet: values.quiet ?? false,
    output: value('output', values.output),
    writeBaseline: value('write-baseline', values['write-baseline']),
    baseline: value('baseline', values.baseline),
    config: value('config', values.config),
    noConfig: values['no-config'] ?? false,
  };
}

function parseScan(args: string[]) {
  return parseNodeArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      format: { type: 'string' },
      output: { type: 'string' },
      fix: { type: 'boolean' },
      rule: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      'fail-on': { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      'mount-path': { type: 'string' },
      'apps-read-files': { type: 'boolean' },
      'allow-skipped': { type: 'boolean' },
      'write-baseline': { type: 'string' },
      baseline: { type: 'string' },
      config: { type: 'string' },
      'no-config': { type: 'boolean' },
    },
  });
}
