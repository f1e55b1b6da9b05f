// One row of the engine measurements, run in a process of its own so that no other row's heap
// (hundreds of megabytes after the largest inputs) changes what this one pays for garbage collection:
//   node --import tsx bench/engine-row.ts <manifest|python|typescript> <rounds> <lines>          engine vs parser
//   node --import tsx bench/engine-row.ts <manifest|python|typescript> <rounds> <small> <large>  engine's scaling
// Prints a Ratio as JSON.
import { timeCode, timeManifest, timeScaling, type Ratio } from './engine-timing';
import { manifest, python, typescript } from './generate';

const INPUTS = {
  manifest: { make: manifest, path: 'bench.yaml' },
  python: { make: python, path: 'bench.py' },
  typescript: { make: typescript, path: 'bench.ts' },
} as const;

async function main(): Promise<void> {
  const [kind, roundsText, ...sizeTexts] = process.argv.slice(2);
  const [rounds, ...sizes] = [roundsText, ...sizeTexts].map(Number);
  if (!(kind in INPUTS) || ![rounds, ...sizes].every((n) => Number.isInteger(n) && n > 0) || sizes.length < 1 || sizes.length > 2) {
    throw new Error('usage: engine-row.ts <manifest|python|typescript> <rounds> <lines> [<larger lines>]');
  }
  const { make, path } = INPUTS[kind as keyof typeof INPUTS];
  let ratio: Ratio;
  if (sizes.length === 2) ratio = await timeScaling(make(sizes[0]), make(sizes[1]), path, rounds);
  else if (kind === 'manifest') ratio = timeManifest(make(sizes[0]), rounds);
  else ratio = await timeCode(make(sizes[0]), path, kind === 'python' ? 'python' : 'typescript', rounds);
  process.stdout.write(JSON.stringify(ratio) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
