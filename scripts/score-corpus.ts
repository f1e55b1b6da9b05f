// Scores the code rules against the labelled corpus (test/fixtures/corpus): every line that ends in an
// `expect: <rule>[, <rule>…]` comment must get a finding of each rule starting on it, and no other line
// may get one (`ok: <why>` marks the traps: lines that look like a finding and are not). Prints
// precision and recall per rule and overall, then every miss and every false alarm (rule, file, line —
// never the line's text). `npm run corpus` runs it; test/unit/corpus.test.ts holds the thresholds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, fileKindOf } from '../server/src/engine/analyze';

/** Files beside a scored one (a Compose env_file), as the CLI reads them. */
function besideOf(file: string): (relative: string) => string | undefined {
  return (relative) => {
    try {
      return readFileSync(path.resolve(path.dirname(file), relative), 'utf8');
    } catch {
      return undefined;
    }
  };
}

export const CORPUS_DIR = path.join(__dirname, '..', 'test', 'fixtures', 'corpus');
/** The rules the corpus labels; findings of other rules (none are expected in code) are ignored. */
export const CORPUS_RULES = [
  'secret-logged',
  'secret-env-read',
  'env-dumped',
  'secret-public-env',
  'dockerfile-secret-env',
  'dockerfile-secret-arg',
  'compose-secret-env',
] as const;
/** The config-framework fixtures (issue 19): one small service per framework, labelled the same way. */
export const FRAMEWORKS_DIR = path.join(__dirname, '..', 'test', 'fixtures', 'frameworks');
/** The Go and Java fixtures: services written the way real ones are, labelled the same way. */
export const LANGUAGES_DIR = path.join(__dirname, '..', 'test', 'fixtures', 'languages');
/**
 * Dockerfiles and Compose files (issue 21); scored wherever they are (`npm run corpus -- DIR`). Docker
 * reads `#` as a comment only at the start of a line, so in a Dockerfile a label may also stand alone on
 * its line: it then labels the next instruction.
 */
export const CONTAINERS_DIR = path.join(__dirname, '..', 'test', 'fixtures', 'containers');

const LABEL = /(?:#|\/\/)\s*(expect|ok):\s*(.*)$/;

export interface Mark {
  file: string;
  line: number;
  rule: string;
}

export interface Score {
  files: number;
  /** Lines labelled `expect` and lines labelled `ok`. */
  expectLines: number;
  trapLines: number;
  truePositives: Mark[];
  misses: Mark[];
  falseAlarms: Mark[];
  /** Per rule: [true positives, misses, false alarms]. */
  byRule: Map<string, [number, number, number]>;
}

export function labelsOf(text: string, labelsNextLine = false): { expected: Map<number, Set<string>>; traps: Set<number> } {
  const expected = new Map<number, Set<string>>();
  const traps = new Set<number>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, at) => {
    const m = LABEL.exec(line);
    if (!m) return;
    let i = at;
    if (labelsNextLine && /^\s*#/.test(line)) {
      i = lines.findIndex((l, k) => k > at && l.trim() !== '' && !/^\s*#/.test(l));
      if (i < 0) throw new Error(`line ${at + 1}: a label alone on its line with no instruction after it`);
    }
    if (m[1] === 'ok') traps.add(i);
    else {
      const rules = m[2].split(',').map((r) => r.trim().split(/\s/)[0]);
      for (const rule of rules) if (!(CORPUS_RULES as readonly string[]).includes(rule)) throw new Error(`line ${i + 1}: unknown rule "${rule}"`);
      expected.set(i, new Set(rules));
    }
  });
  return { expected, traps };
}

const CODE_FILE = /\.(py|js|ts|mjs|cjs|tsx|jsx|go|java)$/;
/** What the containers corpus holds: Dockerfiles and Compose files (not the env files they read). */
const CONTAINER_FILE = /^(?:(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?|[\w.-]+\.[Dd]ockerfile|(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml)$/;
/** Spring Boot's config files, whose `${VAR}` placeholders read the environment: walked in the languages corpus only. */
const SPRING_CONFIG = /^application\.(properties|ya?ml)$/;

function filesUnder(dir: string, springConfig = false, containers = false): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return filesUnder(p, springConfig, containers);
      if (CONTAINER_FILE.test(name)) return [p];
      if (containers) return [];
      return CODE_FILE.test(name) || (springConfig && SPRING_CONFIG.test(name)) ? [p] : [];
    });
}

export async function scoreCorpus(dir = CORPUS_DIR): Promise<Score> {
  const score: Score = { files: 0, expectLines: 0, trapLines: 0, truePositives: [], misses: [], falseAlarms: [], byRule: new Map() };
  const tally = (rule: string, k: 0 | 1 | 2) => {
    const row = score.byRule.get(rule) ?? [0, 0, 0];
    row[k]++;
    score.byRule.set(rule, row);
  };
  const inLanguages = !path.relative(LANGUAGES_DIR, path.resolve(dir)).startsWith('..');
  const inContainers = !path.relative(CONTAINERS_DIR, path.resolve(dir)).startsWith('..');
  for (const file of filesUnder(dir, inLanguages, inContainers)) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(dir, file);
    let labels: ReturnType<typeof labelsOf>;
    try {
      labels = labelsOf(text, fileKindOf(file, undefined, text) === 'dockerfile');
    } catch (err) {
      throw new Error(`${rel}: ${(err as Error).message}`);
    }
    const { expected, traps } = labels;
    score.files++;
    score.expectLines += expected.size;
    score.trapLines += traps.size;
    const analysis = await analyzeFile({ text, path: file, readBeside: besideOf(file) });
    if (analysis.problems.length > 0) throw new Error(`${rel}: not analysed (${analysis.problems.map((p) => p.message).join('; ')})`);
    const found = new Set<string>();
    for (const f of analysis.findings) {
      if (!(CORPUS_RULES as readonly string[]).includes(f.rule)) continue;
      found.add(`${analysis.lines.lineAt(f.start)}\u0000${f.rule}`);
    }
    for (const [line, rules] of expected) {
      for (const rule of rules) {
        const mark = { file: rel, line: line + 1, rule };
        if (found.has(`${line}\u0000${rule}`)) {
          score.truePositives.push(mark);
          tally(rule, 0);
        } else {
          score.misses.push(mark);
          tally(rule, 1);
        }
      }
    }
    for (const key of found) {
      const [line, rule] = key.split('\u0000');
      if (expected.get(Number(line))?.has(rule)) continue;
      score.falseAlarms.push({ file: rel, line: Number(line) + 1, rule });
      tally(rule, 2);
    }
  }
  return score;
}

export function precision(s: Pick<Score, 'truePositives' | 'falseAlarms'>): number {
  const tp = s.truePositives.length;
  return tp + s.falseAlarms.length === 0 ? 1 : tp / (tp + s.falseAlarms.length);
}

export function recall(s: Pick<Score, 'truePositives' | 'misses'>): number {
  const tp = s.truePositives.length;
  return tp + s.misses.length === 0 ? 1 : tp / (tp + s.misses.length);
}

export function report(s: Score): string {
  const out = [
    `${s.files} files, ${s.expectLines} lines expecting findings, ${s.trapLines} trap lines`,
    `precision ${precision(s).toFixed(3)}  recall ${recall(s).toFixed(3)}  (${s.truePositives.length} found, ${s.misses.length} missed, ${s.falseAlarms.length} false alarms)`,
  ];
  for (const [rule, [tp, fn, fp]] of [...s.byRule].sort()) {
    out.push(
      `  ${rule}: precision ${(tp + fp === 0 ? 1 : tp / (tp + fp)).toFixed(3)}  recall ${(tp + fn === 0 ? 1 : tp / (tp + fn)).toFixed(3)}  (${tp}/${fn}/${fp})`,
    );
  }
  for (const m of s.misses) out.push(`missed       ${m.rule} ${m.file}:${m.line}`);
  for (const m of s.falseAlarms) out.push(`false alarm  ${m.rule} ${m.file}:${m.line}`);
  return out.join('\n');
}

if (require.main === module) {
  // `npm run corpus` scores the corpus, `npm run corpus -- frameworks` the framework fixtures,
  // `npm run corpus -- languages` the Go and Java ones, `npm run corpus -- containers` Dockerfiles and Compose files.
  const which = process.argv[2];
  const named: Record<string, string> = { frameworks: FRAMEWORKS_DIR, languages: LANGUAGES_DIR, containers: CONTAINERS_DIR };
  scoreCorpus(!which ? CORPUS_DIR : (named[which] ?? path.resolve(which))).then(
    (s) => console.log(report(s)),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 2;
    },
  );
}
