// Every command the extension registers itself, in one place, so a unit test can check that
// package.json contributes exactly these (plus the server's executeCommand ids). No vscode import.
export const CLIENT_COMMANDS = {
  scanWorkspace: 'secretHints.scanWorkspace',
  fixAllInFile: 'secretHints.fixAllInFile',
  restartServer: 'secretHints.restartServer',
  showOutput: 'secretHints.showOutput',
} as const;

/** The languages the server analyses (document selector, status bar visibility). */
export const LANGUAGES = ['yaml', 'python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'];
