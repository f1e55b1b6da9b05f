// Where rule documentation lives: the `docs/rules/<id>.md` pages shipped in the VSIX beside `dist/`.
// Both the language server and the CLI link to them (codeDescription.href, SARIF helpUri).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export function ruleDocPath(ruleId: string): string {
  return path.resolve(__dirname, '..', 'docs', 'rules', `${ruleId}.md`);
}

const urls = new Map<string, string>();

/** Asked once per diagnostic (thousands in a finding-dense file): built once per rule. */
export function ruleDocUrl(ruleId: string): string {
  let url = urls.get(ruleId);
  if (url === undefined) {
    url = pathToFileURL(ruleDocPath(ruleId)).href;
    urls.set(ruleId, url);
  }
  return url;
}
