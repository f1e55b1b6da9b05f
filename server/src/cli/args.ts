// Parses `secret-hints scan [paths…] [--format text|json|sarif] [--fix] [--rule id[,id]] [--exclude glob]`.
import { RULES } from '../engine/analyze';

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
}

export class UsageError extends Error {}

export const USAGE = `Usage: secret-hints scan [paths…] [options]

Finds Kubernetes Secrets handed to containers as environment variables (and, as rules land,
secrets read from the environment or logged in code). Directories are walked, honouring .gitignore.

Options:
  --format text|json|sarif   output format (default: text)
  --fix                      apply each finding's preferred fix in place
  --rule id[,id…]            only run these rules
  --exclude glob             skip files matching the glob (repeatable)
  --mount-path dir           where fixes mount Secret files (default: /etc/secrets)
  --apps-read-files          the deployed apps read their secrets from <mount-path>/NAME, so --fix
                             may mount a Secret and remove its env var for any image (otherwise
                             only for images known to read *_FILE variables, or variables the
                             scanned code reads)
  --allow-skipped            files that could not be analysed (too large, not text, over the
                             work limit) are reported but do not fail the scan
  -h, --help                 show this help

Exit codes: 0 every file analysed, no findings; 1 findings; 2 usage or I/O error;
3 no findings, but some files were not analysed (see --allow-skipped).`;

export function parseArgs(argv: readonly string[]): ScanOptions | 'help' {
  const args = [...argv];
  if (args.length === 0 || args[0] === '-h' || args[0] === '--help' || args[0] === 'help') return 'help';
  const command = args.shift();
  if (command !== 'scan') throw new UsageError(`Unknown command "${command ?? ''}". Only "scan" is supported.`);
  const options: ScanOptions = {
    paths: [],
    format: 'text',
    fix: false,
    rules: undefined,
    exclude: [],
    mountPath: undefined,
    appsReadFiles: false,
    allowSkipped: false,
  };
  while (args.length > 0) {
    const arg = args.shift() as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args.shift();
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--format': {
        const f = value();
        if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`Unknown format "${f}" (text, json or sarif).`);
        options.format = f;
        break;
      }
      case '--fix':
        options.fix = true;
        break;
      case '--apps-read-files':
        options.appsReadFiles = true;
        break;
      case '--allow-skipped':
        options.allowSkipped = true;
        break;
      case '--rule': {
        const ids = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = ids.filter((id) => !RULES.some((r) => r.id === id));
        if (unknown.length > 0) throw new UsageError(`Unknown rule ${unknown.join(', ')}. Known: ${RULES.map((r) => r.id).join(', ')}.`);
        options.rules = [...(options.rules ?? []), ...ids];
        break;
      }
      case '--exclude':
        options.exclude.push(value());
        break;
      case '--mount-path': {
        const p = value();
        if (!p.startsWith('/')) throw new UsageError('--mount-path must be an absolute path.');
        options.mountPath = p;
        break;
      }
      default:
        if (flag.startsWith('-')) throw new UsageError(`Unknown option ${flag}.`);
        options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) options.paths.push('.');
  return options;
}
