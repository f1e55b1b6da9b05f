// Every message beyond standard LSP, defined once with its parameter and result types and shared by the
// server and the VS Code client (as vscode-eslint shares its custom messages). Type imports only, so
// the client bundle can use it without pulling in server code. (The client's and the server's LSP
// libraries are different releases whose RequestType classes do not type-check against each other, so
// a request is its method plus phantom types; lsp/handle-request.ts and the client's send-request.ts
// type both ends from it.)
import type { EnvSource } from '../engine/rule';

/** A custom request: its method, and (types only) its parameters and result. */
export interface Request<P, R> {
  readonly method: string;
  readonly types?: { params: P; result: R };
}

function request<P, R>(method: string): Request<P, R> {
  return { method };
}

/** Code action kind of the "fix all secret exposures in this file" action (`source.fixAll` + ours). */
export const FIX_ALL_KIND = 'source.fixAll.secretHints';

/** Command behind "Show documentation for RULE": arguments `[ruleId]`. */
export const SHOW_RULE_DOC_COMMAND = 'secretHints.showRuleDocumentation';

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

/** Request: analyse every file of the workspace folders and publish diagnostics for them (work-done progress, cancellable). */
export const ScanWorkspaceRequest = request<ScanWorkspaceParams | null | undefined, ScanWorkspaceResult>('secretHints/scanWorkspace');
export const SCAN_WORKSPACE_REQUEST = ScanWorkspaceRequest.method;

export interface EnvSourceParams {
  /** An environment variable's name. */
  name: string;
}

export interface EnvSourceResult {
  /** The hook's answer for the name (what analysis sees), or null. */
  source: EnvSource | null;
  /** How many manifest entries feed the name (conflicts included). */
  feeds: number;
  /** Manifests that contribute to the index. */
  manifests: number;
}

/** Request: where the workspace's manifests feed an env var from (what analysis sees; for tests, debugging and other tools). */
export const EnvSourceRequest = request<Partial<EnvSourceParams> | null | undefined, EnvSourceResult>('secretHints/envSource');

/**
 * Node flags the client starts the server with; other editors should pass them too (docs/performance.md
 * has the measurements, with the server started this way).
 * - A young generation of 2 MiB per semi-space (V8 grows it to 16 MiB by default): the peak memory on a
 *   10,000-line manifest goes from about 110 MB to 97 MB.
 * - The old generation grows by 1.5× after each full collection (V8 picks up to 4× when collections are
 *   quick, so a few edits' garbage piled up). Measured on 2026-12-07, five servers each, after an open
 *   and seven edits of a 10,000-line manifest: 96 MB with 2×, 88 MB with 1.5×, edits 65–75 ms either
 *   way; a dense 10,000-line Python module 159–167 → 145–149 MB.
 * - Not V8's optimise-for-size mode, used before: it saved 2 MB more but made every analysis of a large
 *   file slower (an edit of a 100,000-line manifest took 0.8–0.9 s with it and 0.45 s without).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=50'];

/**
 * Environment the client adds for the server process. glibc's malloc raises its trim threshold after
 * large blocks are freed and then keeps freed memory instead of returning it; loading the server's
 * bundle alone (V8 compiling 0.9 MB of JavaScript) left ~6 MB of it resident. A fixed threshold (glibc's
 * own default value, 128 KiB) returns it: peak after an open and seven edits of a 10,000-line manifest
 * 88 → 81 MB, edits as fast. Read by glibc at process start only; other C libraries ignore it.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '131072' };
