// Analysis of a Spring Boot config file (placeholders.ts): each `${SECRET_NAME}` placeholder is a
// secret-env-read finding, fixed by importing the config tree (configtree-fix.ts). Nothing is reported
// when the file imports the mounted config tree already: the placeholder then reads the file.
import type { Detected, RuleEnv } from '../rule';
import { envVarSecrecy, relatedFor } from '../code/secret-env';
import type { Finding, Fix } from '../findings';
import { configTreeFix, configtreeLocation, importsConfigTree } from './configtree-fix';
import { placeholdersOf } from './placeholders';

/** The rule these findings belong to (the config file counts as code). */
export const SPRING_CONFIG_RULE = 'secret-env-read';

export function springConfigFindings(text: string, format: 'properties' | 'yaml', env: RuleEnv): Detected[] {
  const location = configtreeLocation(env.settings.mountPath);
  if (importsConfigTree(text, location)) return [];
  const out: Detected[] = [];
  for (const p of placeholdersOf(text, format)) {
    const secrecy = envVarSecrecy(p.name, env);
    if (!secrecy.secret) continue;
    const via = secrecy.source?.secret ? ` (fed from Secret "${secrecy.source.secret}")` : '';
    out.push({
      start: p.start,
      end: p.end,
      message: `Secret ${p.name}${via} is read from the environment through this Spring placeholder; resolve it from the mounted secret files with spring.config.import=${location}.`,
      data: { variable: p.name, form: 'framework', framework: 'Spring', fixedRead: 'file' },
      related: relatedFor(secrecy),
    });
  }
  return out;
}

export function springConfigFixes(text: string, format: 'properties' | 'yaml', finding: Finding, env: RuleEnv): Fix[] {
  const variable = typeof finding.data.variable === 'string' ? finding.data.variable : undefined;
  if (finding.rule !== SPRING_CONFIG_RULE || variable === undefined) return [];
  const fix = configTreeFix(text, format, configtreeLocation(env.settings.mountPath), variable);
  return fix ? [fix] : [];
}
