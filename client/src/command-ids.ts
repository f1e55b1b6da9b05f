// Every command the extension registers itself, in one place, so a unit test can check that
// package.json contributes exactly these (plus the server's executeCommand ids). No vscode import.
export const CLIENT_COMMANDS = {
  scanWorkspace: 'secretHints.scanWorkspace',
  fixAllInFile: 'secretHints.fixAllInFile',
  restartServer: 'secretHints.restartServer',
  showOutput: 'secretHints.showOutput',
} as const;

/** The languages the server analyses (document selector, status bar visibility). */
export const LANGUAGES = [
  'yaml',
  'json',
  'jsonc',
  'python',
  'typescript',
  'typescriptreact',
  'javascript',
  'javascriptreact',
  'go',
  'java',
  'properties',
  'spring-boot-properties',
  'spring-boot-properties-yaml',
  'dockerfile',
  // The Docker extension's id for Compose files; without it they are `yaml` (a `services:` map says Compose).
  'dockercompose',
];

/** Languages whose files are analysed only when their text is a Kubernetes manifest (most JSON files are not). */
export const MANIFEST_IF_CONTENT_SAYS = ['json', 'jsonc'];
