// Spring Boot's application config (`application.properties`, `application.yml`, their profile
// variants, `bootstrap.*`) resolves `${DB_PASSWORD}` placeholders from the environment: each written
// as an environment variable (UPPER_SNAKE) is a read of it — the config file counts as code here.
// `${db.password}` names another property, and `${NAME:default}` keeps its default.

export interface Placeholder {
  /** The `${…}` text's range. */
  start: number;
  end: number;
  name: string;
}

const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)(?::[^}\r\n]*)?\}/g;

/** Spring Boot config files by name (Spring reads only these from the classpath and ./config). */
const SPRING_CONFIG = /(?:^|[\\/])(?:application|bootstrap)(?:-[\w.-]+)?\.(properties|ya?ml)$/i;

export function springConfigFormat(path: string | undefined): 'properties' | 'yaml' | undefined {
  const m = path === undefined ? null : SPRING_CONFIG.exec(path);
  if (!m) return undefined;
  return m[1].toLowerCase() === 'properties' ? 'properties' : 'yaml';
}

/** The env-var placeholders outside comments, in order. */
export function placeholdersOf(text: string, format: 'properties' | 'yaml'): Placeholder[] {
  const out: Placeholder[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const codeEnd = lineStart + commentStart(text.slice(lineStart, lineEnd), format);
    const code = text.slice(lineStart, codeEnd);
    if (code.includes('${')) {
      for (const m of code.matchAll(PLACEHOLDER)) out.push({ start: lineStart + m.index, end: lineStart + m.index + m[0].length, name: m[1] });
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return out;
}

/**
 * Where a line's comment starts (its length when it has none). Properties: a line whose first
 * non-blank character is `#` or `!`. YAML: `#` at the start or after a blank, outside quotes.
 */
function commentStart(line: string, format: 'properties' | 'yaml'): number {
  if (format === 'properties') return /^[ \t\f]*[#!]/.test(line) ? 0 : line.length;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return i;
  }
  return line.length;
}
