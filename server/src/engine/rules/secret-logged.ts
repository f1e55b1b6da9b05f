// secret-logged: a secret value reaches a log, print or console call through local data flow.
import { flowOf, hitAt } from '../code/flow/replay';
import { rewriteEdits } from '../code/flow/rewrite';
import { inNonProductionBranch } from '../code/guards';
import type { CodeRule, Detected } from '../rule';

const REDACTED = '[REDACTED]';

export const secretLogged: CodeRule = {
  id: 'secret-logged',
  target: 'code',
  summary: 'A secret value reaches a log, print or console call.',
  explanation:
    'Log lines are copied to terminals, log shippers, dashboards and support tickets, and kept for months: a secret written ' +
    'there is no longer a secret. Log that the value exists (or its length, or a hash), never the value itself; the fix ' +
    'replaces it in the message with "[REDACTED]" and keeps the call.',
  defaultSeverity: 'error',
  flags: 'a secret value reaching a log, print or console call through local data flow (Python, TS/JS, Go, Java)',
  preferredFix: 'redact',
  detect(ctx, env) {
    const flow = flowOf(ctx, env);
    const out: Detected[] = [];
    for (const hit of flow.hits) {
      const secrets = new Set<string>();
      for (const t of hit.taints) if (t?.secret) secrets.add(t.secret);
      if (secrets.size === 0) continue;
      if (inNonProductionBranch(hit.sink.call, ctx)) continue;
      const names = [...secrets];
      const via = hit.via && ` through ${hit.via.helper}() (called on line ${ctx.lines.lineAt(hit.via.call.startIndex) + 1})`;
      out.push({
        start: hit.sink.call.startIndex,
        end: hit.sink.call.endIndex,
        message: `Secret ${names.join(', ')} reaches ${hit.sink.label}()${via ?? ''}; log a redaction instead of the value.`,
        data: { secrets: names.join(','), sink: hit.sink.label, via: hit.via?.call.startIndex },
      });
    }
    return out;
  },
  fixes(ctx, finding, env) {
    const flow = flowOf(ctx, env);
    const hit = hitAt(flow, finding);
    if (!hit) return [];
    const quoted = JSON.stringify(REDACTED);
    const redact = { value: () => quoted, interpolation: () => REDACTED };
    const inCall = rewriteEdits(hit.sink.payload, 'secret', hit.vars, flow.oracle, redact);
    // log.exception(…) also prints the exception handled: its message is redacted where it is raised.
    const inRaise = hit.handled && rewriteEdits([hit.handled.node], 'secret', hit.handled.vars, flow.oracle, redact);
    if (hit.handled && !inRaise) return [];
    const edits = [...(inCall ?? []), ...(inRaise ?? [])].sort((a, b) => a.start - b.start);
    if (edits.length === 0) return [];
    const title = hit.via
      ? `Redact secret passed to ${hit.via.helper}()`
      : inRaise
        ? inCall
          ? 'Redact secret in log call and in the exception it logs'
          : 'Redact secret in the exception the log call prints'
        : 'Redact secret in log call';
    // Go: a variable the call was the last reader of must stay used.
    const kept = ctx.dialect.leftUnused?.(ctx, edits) ?? [];
    return [{ title, kind: 'quickfix', preferred: true, edits: kept.length > 0 ? [...edits, ...kept].sort((a, b) => a.start - b.start) : edits }];
  },
};
