// Log calls that only run in a test or development environment: `if (environment.isTestEnv())`,
// `if not is_production:`, `if (process.env.NODE_ENV === "test")`. Writing a secret there is deliberate
// and never reaches production logs, so the leak rules leave it alone. A condition counts only when it
// names an environment and a non-production one (`x.test(y)` is a regex test, not a guard), or
// negates a production check.
import { splitWords } from '../names';
import { FUNCTION_TYPES, type CodeContext } from './context';
import { field, textOf, typeOf, type SyntaxNode } from './syntax';

const MAY_NAME_STAGE = /test|dev|local|prod/i;
const ENVIRONMENT_WORDS = new Set(['env', 'environment', 'environ', 'mode', 'stage', 'nodeenv', 'appenv']);
const NON_PRODUCTION_WORDS = new Set(['test', 'testing', 'dev', 'development', 'local']);
const PRODUCTION_WORDS = new Set(['production', 'prod']);

/** True when the call is in the branch of an `if` that runs only outside production. */
export function inNonProductionBranch(call: SyntaxNode, ctx: CodeContext): boolean {
  // Every such condition names a non-production or a production environment: a file that never
  // does has no such branch, and its log calls are not walked up from (one search per file).
  if (!ctx.memo('names-a-stage', () => MAY_NAME_STAGE.test(ctx.text))) return false;
  return conditionsHolding(call).some((condition) => isNonProductionTest(textOf(condition)));
}

/**
 * The conditions of the `if`s whose branch taken when they hold contains the call (an `else` runs when
 * they do not), innermost first, up to the enclosing function.
 */
function conditionsHolding(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  let child = call;
  for (let p = call.parent; p; child = p, p = p.parent) {
    const type = typeOf(p);
    if (FUNCTION_TYPES.includes(type)) break;
    if (type !== 'if_statement') continue;
    const condition = field(p, 'condition');
    const consequence = field(p, 'consequence');
    if (!condition || child.id === condition.id || !consequence) continue;
    if (consequence.startIndex <= call.startIndex && call.startIndex < consequence.endIndex) out.push(condition);
  }
  return out;
}

function isNonProductionTest(condition: string): boolean {
  // Identifiers and whole string literals apart: a default value such as "dev-only-placeholder" in the
  // condition says nothing about the environment.
  const literals = [...condition.matchAll(/(["'])(.*?)\1/g)].map((m) => m[2].toLowerCase());
  const code = condition.replace(/(["'])(.*?)\1/g, ' ');
  const words = splitWords(code.replace(/NODE_ENV/g, 'nodeenv'));
  const envNamed = words.some((w) => ENVIRONMENT_WORDS.has(w) || /env$/.test(w));
  if (!envNamed) return false;
  const negated = /^\s*\(?\s*(!|not\b)/.test(condition) || /!==?\s*$/.test(code.replace(/\s+$/, '')) || /!=/.test(code);
  if (negated && (words.some((w) => PRODUCTION_WORDS.has(w)) || literals.some((l) => PRODUCTION_WORDS.has(l)))) return true;
  if (negated) return false;
  return words.some((w) => NON_PRODUCTION_WORDS.has(w)) || literals.some((l) => NON_PRODUCTION_WORDS.has(l));
}

/** A plain name tested against a literal variable name: `HasPrefix(kv, "X=")`, `k.startsWith("X=")`, `k == "X"`, `"X".equals(k)`. */
const NAME_TEST =
  /\bHasPrefix\(\s*[A-Za-z_]\w*\s*,\s*"([A-Z][A-Z0-9_]*)=?"\s*\)|(?<![\w$.)\]])[A-Za-z_$][\w$]*\.(?:startsWith|startswith|equals)\(\s*["']([A-Z][A-Z0-9_]*)=?["']\s*\)|(?<![\w$.)\]])[A-Za-z_$][\w$]*\s*===?\s*["']([A-Z][A-Z0-9_]*)=?["']|["']([A-Z][A-Z0-9_]*)["']\s*(?:===?\s*[A-Za-z_$][\w$]*(?![\w$.(])|\.equals\(\s*[A-Za-z_$][\w$]*\s*\))/g;

/**
 * `if strings.HasPrefix(kv, "GOMAXPROCS=")`, `if (name.equals("PORT"))`, `if k == "LOG_LEVEL":` — the
 * branch of a loop over the environment that keeps one named variable: an entry printed there is that
 * variable, so the environment is not dumped when it is not a secret. Every name compared must be an
 * environment variable's (UPPER_SNAKE) and none a secret.
 */
export function inOneVariableBranch(call: SyntaxNode, isSecretName: (name: string) => boolean): boolean {
  return conditionsHolding(call).some((condition) => {
    const text = textOf(condition);
    if (/\|\||\bor\b|!=/.test(text)) return false;
    const names = [...text.matchAll(NAME_TEST)].map((m) => m.slice(1).find((g) => g !== undefined && /^[A-Z]/.test(g))!);
    return names.length > 0 && !names.some(isSecretName);
  });
}
