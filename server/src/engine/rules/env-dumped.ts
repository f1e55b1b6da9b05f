// env-dumped: the whole environment (every secret in it) is logged or printed.
import { flowOf, hitAt } from '../code/flow/replay';
import { rewriteEdits } from '../code/flow/rewrite';
import { inNonProductionBranch, inOneVariableBranch } from '../code/guards';
import { detectDumps, dumpFixes } from '../docker/dockerfile/dumps';
import type { CodeRule, Detected } from '../rule';

export const envDumped: CodeRule = {
  id: 'env-dumped',
  target: 'code',
  summary: 'The whole environment is logged or printed.',
  explanation:
    'Printing the environment prints every secret handed to the process as an env var — database passwords, API tokens, ' +
    'cloud credentials — into logs that many people and systems read. Log the variable names only ' +
    '(`sorted(os.environ)`, `Object.keys(process.env)`, `System.getenv().keySet()`) when you need to see what is set.',
  defaultSeverity: 'error',
  flags: 'the whole environment logged or printed; in Dockerfiles, `RUN env` / `printenv` or `set -x` in a step that has secrets',
  preferredFix: 'log the names only',
  detect(ctx, env) {
    const flow = flowOf(ctx, env);
    const out: Detected[] = [];
    for (const hit of flow.hits) {
      const dumped = hit.taints.map((t) => t?.env).find((e) => e !== undefined);
      if (dumped === undefined) continue;
      if (inNonProductionBranch(hit.sink.call, ctx)) continue;
      // One entry of the environment, kept only when it is a named variable that is no secret.
      const onlyItems = hit.taints.every((t) => t?.env === undefined || t.envItem);
      if (onlyItems && inOneVariableBranch(hit.sink.call, (name) => flow.oracle.isSecretName(name))) continue;
      out.push({
        start: hit.sink.call.startIndex,
        end: hit.sink.call.endIndex,
        message: `The whole environment (${dumped.length > 30 ? 'environment' : dumped}) reaches ${hit.sink.label}()${hit.via ? ` through ${hit.via.helper}() (called on line ${ctx.lines.lineAt(hit.via.call.startIndex) + 1})` : ''}, with every secret in it; log the variable names only.`,
        data: { sink: hit.sink.label, via: hit.via?.call.startIndex },
      });
    }
    return out;
  },
  fixes(ctx, finding, env) {
    const flow = flowOf(ctx, env);
    const hit = hitAt(flow, finding);
    if (!hit) return [];
    // A language with no expression for the names (Go) gets no fix.
    let unnamed = false;
    const namesOf = (envText: string) => ctx.dialect.envNames(envText) ?? ((unnamed = true), '');
    const edits = rewriteEdits(hit.sink.payload, 'env', hit.vars, flow.oracle, {
      // One entry of a loop over the environment is redacted; the mapping itself becomes its names.
      value: (_node, t) => (t.envItem ? JSON.stringify('[REDACTED]') : namesOf(t.env ?? '')),
      // Inside an f-string a quoted literal could clash with the string's own quotes: redact as text.
      interpolation: (_node, t) => (t.envItem ? '[REDACTED]' : undefined),
    });
    if (!edits || unnamed) return [];
    // Go: a loop variable the call was the last reader of must stay used.
    const kept = ctx.dialect.leftUnused?.(ctx, edits) ?? [];
    return [{ title: 'Log variable names only', kind: 'quickfix', preferred: true, edits: [...edits, ...kept].sort((a, b) => a.start - b.start) }];
  },
  dockerfile: {
    detect: detectDumps,
    fixes: (ctx, finding) => dumpFixes(ctx, finding),
  },
};
