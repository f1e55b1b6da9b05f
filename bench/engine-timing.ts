// Times the engine against the raw parser on the same text, interleaved so machine noise hits both.
import { parseAllDocuments } from 'yaml';
import { analyze } from '../server/src/engine/analyze';
import { median } from './lsp-probe';

export interface Ratio {
  engineMs: number;
  parserMs: number;
}

/** Median of `rounds` interleaved runs of (parser, engine) after one warm-up each. */
export function timeManifest(text: string, rounds: number): Ratio {
  const parse = () => parseAllDocuments(text);
  const engine = () => analyze({ text, path: 'bench.yaml' });
  return interleave(parse, engine, rounds);
}

export function interleave(parser: () => unknown, engine: () => unknown, rounds: number): Ratio {
  parser();
  engine();
  const p: number[] = [];
  const e: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    parser();
    p.push(performance.now() - t);
    t = performance.now();
    engine();
    e.push(performance.now() - t);
  }
  return { engineMs: median(e), parserMs: median(p) };
}
