// Names and shapes shared by the server and the VS Code client beyond standard LSP. Kept free of
// imports so the client bundle can use it without pulling in server code.

/** Code action kind of the "fix all secret exposures in this file" action (`source.fixAll` + ours). */
export const FIX_ALL_KIND = 'source.fixAll.secretHints';

/** Command behind "Show documentation for RULE": arguments `[ruleId]`. */
export const SHOW_RULE_DOC_COMMAND = 'secretHints.showRuleDocumentation';

/** Custom request: analyse every file of the workspace folders and publish diagnostics for them. */
export const SCAN_WORKSPACE_REQUEST = 'secretHints/scanWorkspace';

export interface ScanWorkspaceParams {
  /** Client-chosen progress token (LSP work-done progress); without one the server creates its own. */
  workDoneToken?: string | number;
}

export interface ScanWorkspaceResult {
  /** Files analysed (open documents are counted but keep their live diagnostics). */
  files: number;
  findings: number;
  filesWithFindings: number;
  /** Files that could not be read (permissions, not UTF-8). */
  unreadable: number;
  cancelled: boolean;
}

/**
 * Node flags the client starts the server with; other editors should pass them too. A young generation
 * of 2 MiB per semi-space (V8 grows it to 16 MiB by default) keeps the server's peak memory on a
 * 10,000-line manifest at about 86 MB instead of 110 MB. V8's optimise-for-size mode, used before, saved
 * 2 MB more but made every analysis of a large file slower: an edit of a 100,000-line manifest took
 * 0.8–0.9 s with it and 0.45 s without (docs/performance.md, measured with the server started this way).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
