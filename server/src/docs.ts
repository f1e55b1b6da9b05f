// Where rule documentation lives: the `docs/rules/<id>.md` pages shipped in the VSIX beside `dist/`.
// Both the language server and the CLI link to them (codeDescription.href, SARIF helpUri).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export function ruleDocPath(ruleId: string): string {
  return path.resolve(__dirname, '..', 'docs', 'rules', `${ruleId}.md`);
}

export function ruleDocUrl(ruleId: string): string {
  return pathToFileURL(ruleDocPath(ruleId)).href;
}
