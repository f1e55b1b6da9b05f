// pydantic settings: `class Settings(BaseSettings): db_password: SecretStr` reads DB_PASSWORD (with the
// class's env_prefix, or the field's alias / v1 `env=`) from the environment without naming it. The
// fix is pydantic's own secrets directory — `class Config: secrets_dir = …` for pydantic 1's
// BaseSettings, `model_config = SettingsConfigDict(secrets_dir=…)` for pydantic-settings 2 — where
// each file is named like the variable (case-insensitively). Environment variables still win over the
// files, so the paired manifest fix drops the variable.
import type { Fix, TextEdit } from '../../../findings';
import { detectEol } from '../../../text';
import type { CodeContext } from '../../context';
import type { Framework, FrameworkRead } from '../../frameworks';
import { insertionAfterStatement } from '../../loader/placement';
import { callArguments, descendants, field, namedChildren, plainName, stringValue, textOf, typeOf, type SyntaxNode } from '../../syntax';
import { addToFromImport, fromImports, importedAs, moduleAliases } from '../imports';

type Version = 1 | 2;

interface SettingsClass {
  node: SyntaxNode;
  name: string;
  version: Version;
  body: SyntaxNode;
  prefix: string;
  /** The class (or a settings class it extends) reads a secrets directory already. */
  readsFiles: boolean;
}

export const pydanticSettings: Framework = {
  marker: /\bBaseSettings\b/,
  reads(ctx) {
    const classes = settingsClasses(ctx);
    const out: FrameworkRead[] = [];
    const models = new Set(classDefinitions(ctx).map((c) => textOf(field(c, 'name')) ?? ''));
    for (const c of classes) {
      if (c.readsFiles) continue;
      for (const f of fieldsOf(c.body)) {
        const type = textOf(field(f, 'type')) ?? '';
        // A nested model is read from several variables (env_nested_delimiter), not this one.
        if (models.has(type) || /^(ClassVar|Optional\[\s*ClassVar)\b/.test(type)) continue;
        const fieldName = textOf(field(f, 'left')) ?? '';
        if (fieldName.startsWith('_') || fieldName === 'model_config') continue;
        const alias = aliasOf(field(f, 'right'), c.version);
        const name = alias ?? (c.prefix + fieldName).toUpperCase();
        out.push({
          node: f.parent?.type === 'expression_statement' ? f.parent : f,
          name,
          framework: c.version === 2 ? 'pydantic-settings' : 'pydantic',
          declaredSecret: /\bSecret(Str|Bytes)\b/.test(type),
          fixedRead: { kind: 'file' },
          fixes: (env) => secretsDirFix(ctx, c, env.settings.mountPath),
        });
      }
    }
    return out;
  },
};

/** The file's class statements, searched for once. */
function classDefinitions(ctx: CodeContext): SyntaxNode[] {
  return ctx.memo('class-definitions', () => descendants(ctx.root, ['class_definition']));
}

/** The BaseSettings subclasses of the file (directly, or through one of its own), with their version. */
function settingsClasses(ctx: CodeContext): SettingsClass[] {
  const bases = new Map<string, Version>();
  for (const local of importedAs(fromImports(ctx, ['pydantic', 'pydantic.v1']), 'BaseSettings')) bases.set(local, 1);
  for (const local of importedAs(fromImports(ctx, ['pydantic_settings']), 'BaseSettings')) bases.set(local, 2);
  for (const alias of moduleAliases(ctx, 'pydantic')) bases.set(`${alias}.BaseSettings`, 1);
  for (const alias of moduleAliases(ctx, 'pydantic_settings')) bases.set(`${alias}.BaseSettings`, 2);
  const found: SettingsClass[] = [];
  const byName = new Map<string, SettingsClass>();
  for (const node of classDefinitions(ctx)) {
    const body = field(node, 'body');
    if (!body) continue;
    const superclasses = namedChildren(field(node, 'superclasses')).map((s) => plainName(s) ?? '');
    const parent = superclasses.map((s) => byName.get(s)).find((p) => p !== undefined);
    const version = superclasses.map((s) => bases.get(s)).find((v) => v !== undefined) ?? parent?.version;
    if (version === undefined) continue;
    const config = configOf(body, version);
    const c: SettingsClass = {
      node,
      name: textOf(field(node, 'name')) ?? '',
      version,
      body,
      prefix: config.get('env_prefix') ?? parent?.prefix ?? '',
      readsFiles: config.has('secrets_dir') || parent?.readsFiles === true,
    };
    found.push(c);
    byName.set(c.name, c);
  }
  return found;
}

/** `name: type [= value]` statements of a class body. */
function fieldsOf(body: SyntaxNode): SyntaxNode[] {
  return namedChildren(body)
    .map((s) => (s.type === 'expression_statement' ? s.namedChild(0) : null))
    .filter((a): a is SyntaxNode => a !== null && a.type === 'assignment' && field(a, 'type') !== undefined && typeOf(field(a, 'left')) === 'identifier');
}

/** `Field(..., alias="X")`, `Field(validation_alias="X")` (2), `Field(..., env="X")` (1). */
function aliasOf(value: SyntaxNode | undefined, version: Version): string | undefined {
  if (typeOf(value) !== 'call' || !/(^|\.)Field$/.test(plainName(field(value, 'function')) ?? '')) return undefined;
  const keywords = version === 2 ? ['validation_alias', 'alias'] : ['env', 'alias'];
  for (const k of keywords) {
    const arg = callArguments(value!).find((a) => typeOf(a) === 'keyword_argument' && textOf(field(a, 'name')) === k);
    const alias = stringValue(field(arg, 'value'));
    if (alias !== undefined) return alias.toUpperCase();
  }
  return undefined;
}

/**
 * The settings the class configures (string values; others as ''): `class Config:` (pydantic 1, and
 * pydantic-settings 2 still reads it), or `model_config` (2).
 */
function configOf(body: SyntaxNode, version: Version): Map<string, string> {
  const out = new Map<string, string>();
  const config = (version === 2 ? modelConfig(body) : undefined) ?? innerConfig(body);
  if (!config) return out;
  if (config.type === 'class_definition') {
    for (const s of namedChildren(field(config, 'body'))) {
      const a = s.type === 'expression_statement' ? s.namedChild(0) : null;
      if (a?.type === 'assignment' && typeOf(field(a, 'left')) === 'identifier') out.set(textOf(field(a, 'left')) ?? '', stringValue(field(a, 'right')) ?? '');
    }
  } else {
    const value = field(config, 'right');
    if (typeOf(value) === 'call') {
      for (const a of callArguments(value!))
        if (typeOf(a) === 'keyword_argument') out.set(textOf(field(a, 'name')) ?? '', stringValue(field(a, 'value')) ?? '');
    } else if (typeOf(value) === 'dictionary') {
      for (const p of namedChildren(value)) if (p.type === 'pair') out.set(stringValue(field(p, 'key')) ?? '', stringValue(field(p, 'value')) ?? '');
    }
  }
  return out;
}

function innerConfig(body: SyntaxNode): SyntaxNode | undefined {
  return namedChildren(body).find((s) => s.type === 'class_definition' && textOf(field(s, 'name')) === 'Config');
}

function modelConfig(body: SyntaxNode): SyntaxNode | undefined {
  for (const s of namedChildren(body)) {
    const a = s.type === 'expression_statement' ? s.namedChild(0) : null;
    if (a?.type === 'assignment' && textOf(field(a, 'left')) === 'model_config') return a;
  }
  return undefined;
}

function secretsDirFix(ctx: CodeContext, c: SettingsClass, mountPath: string): Fix[] {
  const edits = c.version === 1 ? v1Edits(ctx, c, mountPath) : v2Edits(ctx, c, mountPath);
  if (!edits) return [];
  const which = c.version === 1 ? 'pydantic 1 BaseSettings' : 'pydantic-settings ≥ 2';
  return [
    {
      title: `Read ${c.name}'s secrets from the files mounted at ${mountPath} (secrets_dir, ${which}; env vars still win)`,
      kind: 'quickfix',
      preferred: true,
      edits,
      conflictKey: `pydantic-secrets-dir:${c.node.id}`,
    },
  ];
}

/** The indentation of the class body's statements. */
function bodyIndent(ctx: CodeContext, body: SyntaxNode): string {
  const first = namedChildren(body)[0];
  if (!first) return '    ';
  return /^[ \t]*/.exec(ctx.lines.lineText(ctx.lines.lineAt(first.startIndex)))?.[0] ?? '    ';
}

/** Lines appended after `after` (a statement) at `indent`. */
function linesAfter(ctx: CodeContext, after: SyntaxNode, lines: string[], indent: string): TextEdit {
  return insertionAfterStatement(ctx, after, lines.map((l) => (l === '' ? '' : indent + l)).join('\n'), detectEol(ctx.text), 0);
}

function lastStatement(body: SyntaxNode): SyntaxNode {
  const statements = namedChildren(body).filter((s) => s.type !== 'comment');
  return statements[statements.length - 1] ?? body;
}

function v1Edits(ctx: CodeContext, c: SettingsClass, mountPath: string): TextEdit[] {
  const indent = bodyIndent(ctx, c.body);
  const config = innerConfig(c.body);
  const setting = `secrets_dir = ${JSON.stringify(mountPath)}`;
  if (config) {
    const configBody = field(config, 'body')!;
    return [linesAfter(ctx, lastStatement(configBody), [setting], bodyIndent(ctx, configBody))];
  }
  return [linesAfter(ctx, lastStatement(c.body), ['', 'class Config:', `    ${setting}`], indent)];
}

/**
 * `item` after the list's `last` item: on the same line (`a=1, item`), or — in a list written one item
 * per line with a trailing comma — on a line of its own at the same indentation.
 */
function appendItem(ctx: CodeContext, last: SyntaxNode, item: string): TextEdit {
  const after = /^[ \t]*,[ \t]*(?:#[^\r\n]*)?(\r?\n)/.exec(ctx.text.slice(last.endIndex));
  if (!after) return { start: last.endIndex, end: last.endIndex, newText: `, ${item}` };
  const indent = /^[ \t]*/.exec(ctx.lines.lineText(ctx.lines.lineAt(last.startIndex)))?.[0] ?? '';
  const at = last.endIndex + after[0].length;
  return { start: at, end: at, newText: `${indent}${item},${after[1]}` };
}

function v2Edits(ctx: CodeContext, c: SettingsClass, mountPath: string): TextEdit[] | undefined {
  const path = JSON.stringify(mountPath);
  // pydantic 2 refuses a class with both `class Config` and `model_config`: a class written the old way keeps it.
  if (innerConfig(c.body) && !modelConfig(c.body)) return v1Edits(ctx, c, mountPath);
  const config = modelConfig(c.body);
  if (config) {
    const value = field(config, 'right');
    if (typeOf(value) === 'call') {
      const args = field(value, 'arguments')!;
      const last = callArguments(value!).at(-1);
      return last ? [appendItem(ctx, last, `secrets_dir=${path}`)] : [{ start: args.endIndex - 1, end: args.endIndex - 1, newText: `secrets_dir=${path}` }];
    }
    if (typeOf(value) === 'dictionary') {
      const last = namedChildren(value)
        .filter((p) => p.type === 'pair')
        .at(-1);
      return last
        ? [appendItem(ctx, last, `"secrets_dir": ${path}`)]
        : [{ start: value!.startIndex + 1, end: value!.startIndex + 1, newText: `"secrets_dir": ${path}` }];
    }
    return undefined;
  }
  const imports = fromImports(ctx, ['pydantic_settings']);
  const local = importedAs(imports, 'SettingsConfigDict')[0];
  const edits: TextEdit[] = [];
  if (local === undefined) {
    if (imports.length === 0) return undefined;
    edits.push(addToFromImport(imports[0].statement, 'SettingsConfigDict'));
  }
  edits.push(linesAfter(ctx, lastStatement(c.body), ['', `model_config = ${local ?? 'SettingsConfigDict'}(secrets_dir=${path})`], bodyIndent(ctx, c.body)));
  return edits.sort((a, b) => a.start - b.start);
}
