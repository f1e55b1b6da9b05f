// Spring: `@Value("${DB_PASSWORD}")` / `@Value("${DB_PASSWORD:default}")` on fields and parameters,
// `environment.getProperty("DB_PASSWORD")` / `getRequiredProperty` on an injected Environment, and
// `@ConfigurationProperties(prefix = "mail")` classes (and records) whose secret-named fields bind from
// MAIL_PASSWORD by Spring's relaxed binding. Only placeholders written as environment variables
// (UPPER_SNAKE) are reads: `${db.password}` names a property, which the application config defines
// (and which is read there, see spring/config-file.ts).
//
// No fix in the Java file: Spring's own support is the configtree import in the application config
// (`spring.config.import=optional:configtree:/etc/secrets/`), which resolves the same placeholder from
// the mounted file with no code change — the finding says so, and the config file's findings carry it.
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { configtreeImport } from '../../../spring/configtree-fix';
import { callArguments, descendants, field, namedChildren, stringValue, textOf, typeOf, type SyntaxNode } from '../../syntax';
import { namesDeclaredWithType } from '../../typed-names';

/** `${NAME}` or `${NAME:default}` with an environment-variable name. */
const ENV_PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)(?::[^}]*)?\}/g;
const GETTERS = new Set(['getProperty', 'getRequiredProperty']);
/** Spring's `Environment` / `ConfigurableEnvironment`, by simple or qualified name. */
const ENVIRONMENT_TYPE = /^(?:\w+\.)*(?:Configurable)?Environment$/;

export const spring: Framework = {
  marker: /\borg\.springframework\b|@Value\b|@ConfigurationProperties\b/,
  reads(ctx) {
    return [...valueAnnotations(ctx), ...environmentGets(ctx), ...configurationProperties(ctx)];
  },
};

function read(node: SyntaxNode, name: string, binds?: string): FrameworkRead {
  return {
    node,
    name,
    binds,
    framework: 'Spring',
    fixes: () => [],
    advice: (env) => `resolve it from the mounted secret files with ${configtreeImport(env.settings.mountPath)} in the application config`,
  };
}

/** The annotations named `simpleName` (`Value`, or its qualified name) on the file's declarations and parameters. */
function annotationsNamed(ctx: CodeContext, simpleName: string): SyntaxNode[] {
  return ctx.memo(`java-annotations:${simpleName}`, () => {
    if (!ctx.text.includes(`@${simpleName}`) && !ctx.text.includes(`.${simpleName}`)) return [];
    return descendants(ctx.root, ['annotation', 'marker_annotation']).filter((n) => {
      const name = textOf(field(n, 'name'));
      return name === simpleName || name?.endsWith(`.${simpleName}`);
    });
  });
}

function valueAnnotations(ctx: CodeContext): FrameworkRead[] {
  const out: FrameworkRead[] = [];
  for (const a of annotationsNamed(ctx, 'Value')) {
    const value = stringValue(namedChildren(field(a, 'arguments'))[0]);
    if (value === undefined) continue;
    for (const m of value.matchAll(ENV_PLACEHOLDER)) out.push(read(a, m[1], annotatedName(a)));
  }
  return out;
}

/** The field or parameter an annotation is on (`@Value("${X}") private String key;` → key). */
function annotatedName(annotation: SyntaxNode): string | undefined {
  const declaration = annotation.parent?.parent;
  if (typeOf(declaration) === 'formal_parameter') return textOf(field(declaration, 'name'));
  if (typeOf(declaration) === 'field_declaration') return textOf(field(field(declaration, 'declarator'), 'name'));
  return undefined;
}

/** `env.getProperty("X")` where `env` is declared an `Environment` in the file (field, parameter, local). */
function environmentGets(ctx: CodeContext): FrameworkRead[] {
  const environments = new Set(namesDeclaredWithType(ctx, ENVIRONMENT_TYPE, /\bEnvironment\b/));
  if (environments.size === 0) return [];
  const out: FrameworkRead[] = [];
  for (const call of ctx.nodes('method_invocation')) {
    if (!GETTERS.has(textOf(field(call, 'name')) ?? '')) continue;
    const object = textOf(field(call, 'object'))?.replace(/^this\./, '');
    if (object === undefined || !environments.has(object)) continue;
    const name = stringValue(callArguments(call)[0]);
    if (name !== undefined && /^[A-Z][A-Z0-9_]*$/.test(name)) out.push(read(call, name));
  }
  return out;
}

/**
 * `@ConfigurationProperties(prefix = "mail")` on a class or record: each field binds from the env var
 * of its property (`mail.password` → MAIL_PASSWORD; `smtpPassword` → MAIL_SMTPPASSWORD, as Spring's
 * relaxed binding drops the camel case's boundaries).
 */
function configurationProperties(ctx: CodeContext): FrameworkRead[] {
  const out: FrameworkRead[] = [];
  for (const a of annotationsNamed(ctx, 'ConfigurationProperties')) {
    const prefix = annotationPrefix(a);
    const declaration = a.parent?.parent;
    if (prefix === undefined || !declaration) continue;
    const envPrefix = prefix.replace(/[.-]/g, (c) => (c === '.' ? '_' : '')).toUpperCase();
    for (const [node, name] of boundFields(declaration)) out.push(read(node, `${envPrefix}_${name.toUpperCase()}`, name));
  }
  return out;
}

/** `@ConfigurationProperties("mail")`, `(prefix = "mail")`, `(value = "mail")`. */
function annotationPrefix(annotation: SyntaxNode): string | undefined {
  for (const arg of namedChildren(field(annotation, 'arguments'))) {
    if (typeOf(arg) === 'element_value_pair') {
      const key = textOf(field(arg, 'key'));
      if (key === 'prefix' || key === 'value') return stringValue(field(arg, 'value'));
    } else {
      const value = stringValue(arg);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** The instance fields of a class body, or a record's components: [where, name]. */
function boundFields(declaration: SyntaxNode): [SyntaxNode, string][] {
  const out: [SyntaxNode, string][] = [];
  if (typeOf(declaration) === 'record_declaration') {
    for (const p of namedChildren(field(declaration, 'parameters'))) {
      const name = textOf(field(p, 'name'));
      if (typeOf(p) === 'formal_parameter' && name) out.push([p, name]);
    }
    return out;
  }
  for (const member of namedChildren(field(declaration, 'body'))) {
    if (typeOf(member) !== 'field_declaration' || /\bstatic\b/.test(textOf(namedChildren(member).find((c) => typeOf(c) === 'modifiers')) ?? '')) continue;
    for (const d of member.childrenForFieldName('declarator')) {
      const name = d && textOf(field(d, 'name'));
      if (name) out.push([member, name]);
    }
  }
  return out;
}
