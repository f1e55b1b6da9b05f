// The package's name and version, from package.json (esbuild keeps only these two fields of it in a
// bundle): the CLI's SARIF `tool.driver.version`, the server's `serverInfo`, and the public address of
// the rule pages a published package serves.
import { name, version } from '../../package.json';

export const PACKAGE_NAME: string = name;
export const VERSION: string = version;

/**
 * A rule page on the npm registry's CDN (unpkg serves every file of a published package; `files` ships
 * docs/rules/): a link a code-scanning dashboard can open, unlike a path on the machine that scanned.
 */
export function publishedRuleDocUrl(ruleId: string): string {
  return `https://unpkg.com/${PACKAGE_NAME}@${VERSION}/docs/rules/${ruleId}.md`;
}
