// The benchmark's one table: every row is ours against a baseline measured in the same run, as a ratio
// with an optional target (machines here are noisy; only ratios count).

interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio: number;
  target: number | undefined;
  /** The ratio must equal the target, not merely stay below it (a count that must match). */
  exact: boolean;
}

const rows: Row[] = [];

export const ms = (x: number): string => `${x.toFixed(1)} ms`;
export const mb = (x: number): string => `${x.toFixed(0)} MB`;

/** `ratio` defaults to ours ÷ baseline; engine rows pass the median of paired rounds instead. */
export function add(measure: string, ours: number, baseline: number, unit: (x: number) => string, target?: number, ratio = ours / baseline): void {
  rows.push({ measure, ours: unit(ours), baseline: unit(baseline), ratio, target, exact: false });
}

/** A row whose ratio must be exactly `target`: fewer is as wrong as more. */
export function addExact(measure: string, ours: number, baseline: number, unit: (x: number) => string, target = 1): void {
  rows.push({ measure, ours: unit(ours), baseline: unit(baseline), ratio: ours / baseline, target, exact: true });
}

export function print(markdown: boolean): void {
  const header = ['measure', 'ours', 'baseline', 'ratio', 'target', 'ok'];
  const body = rows.map((r) => [
    r.measure,
    r.ours,
    r.baseline,
    `${r.ratio.toFixed(2)}×`,
    r.target === undefined ? '' : `${r.exact ? '=' : '≤'} ${r.target.toFixed(2)}×`,
    r.target === undefined ? '' : (r.exact ? r.ratio === r.target : r.ratio <= r.target) ? 'yes' : 'NO',
  ]);
  if (markdown) {
    console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
    for (const b of body) console.log(`| ${b.join(' | ')} |`);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const b of body) console.log(line(b));
}
