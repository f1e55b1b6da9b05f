// What the status bar item says, as a pure function of the server state and the active file's
// findings (unit-tested without an editor).
export type ServerState = 'starting' | 'running' | 'stopped';

export interface StatusView {
  text: string;
  tooltip: string;
  /** Whether the item uses the error background. */
  error: boolean;
}

export function statusView(state: ServerState, findingsInActiveFile: number | undefined): StatusView {
  if (state === 'starting') return { text: '$(loading~spin) Secret Hints', tooltip: 'Secret Hints: the language server is starting.', error: false };
  if (state === 'stopped')
    return { text: '$(error) Secret Hints', tooltip: 'Secret Hints: the language server is not running. Click to show its output.', error: true };
  if (findingsInActiveFile === undefined) return { text: '$(shield) Secret Hints', tooltip: 'Secret Hints: running.', error: false };
  const n = findingsInActiveFile;
  const what = n === 0 ? 'no secret exposures' : `${n} secret exposure${n === 1 ? '' : 's'}`;
  return { text: `$(shield) ${n}`, tooltip: `Secret Hints: ${what} in this file.`, error: false };
}
