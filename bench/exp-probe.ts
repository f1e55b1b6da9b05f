import { probe, median } from '/work/main/bench/lsp-probe';
import { manifest, densePython, denseTypescript } from '/work/main/bench/generate';
const lines = Number(process.env.LINES ?? 10_000);
const lang = (process.env.LANG_ID ?? 'yaml') as 'yaml' | 'python' | 'typescript';
const text = lang === 'python' ? densePython(lines) : lang === 'typescript' ? denseTypescript(lines) : manifest(lines);
const configs: Record<string, string[]> = JSON.parse(process.argv[2]);
const n = Number(process.argv[3] ?? 3);
async function main() {
  const res: Record<string, { open: number[]; complete: number[]; rss: number[]; edit: number[] }> = {};
  for (let i = 0; i < n; i++) {
    for (const [name, cmd] of Object.entries(configs)) {
      const r = await probe({ command: cmd[0] === 'sh' ? cmd : [process.execPath, ...cmd] }, text, Number(process.env.EDITS ?? 3), lang);
      res[name] ??= { open: [], complete: [], rss: [], edit: [] };
      res[name].open.push(r.openMs); res[name].complete.push(r.openCompleteMs); res[name].rss.push(r.peakRssMb); res[name].edit.push(r.editMs);
    }
  }
  for (const [name, r] of Object.entries(res)) console.log(name.padEnd(20), 'first', median(r.open).toFixed(0), 'complete', median(r.complete).toFixed(0), r.complete.map((x) => x.toFixed(0)).join(','), 'edit', median(r.edit).toFixed(0), 'rss', median(r.rss).toFixed(1), r.rss.map((x) => x.toFixed(0)).join(','));
}
void main();
