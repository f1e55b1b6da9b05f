// The editor's last-resort wall-clock guard (engine/budget.ts TimeGuard). Analysis results are decided
// by counted work alone; this only keeps a pathological file from holding the language server for
// longer than a user would wait, and the problem it raises says so. The CLI never uses it.
import { TimeGuard } from '../engine/budget';

/** Far above what any file within the work limit takes on an idle machine (a few seconds at most). */
export const EDITOR_TIME_GUARD_MS = 15_000;

export function editorTimeGuard(): TimeGuard {
  return new TimeGuard(EDITOR_TIME_GUARD_MS);
}
