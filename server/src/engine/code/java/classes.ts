// Java classes whose instances print their fields: records (their toString lists every component) and
// Lombok's @Data / @Value / @ToString classes (fields marked @ToString.Exclude left out; a class whose
// @ToString takes arguments — exclude lists, onlyExplicitlyIncluded — is not guessed at). A plain class
// prints `Name@1b6d3586`, which shows nothing. One holding a secret-named field shows the secret when an
// instance is logged whole.
import type { CodeContext } from '../context';
import { escapeRegExp, field, namedChildren, textOf, typeOf, type SyntaxNode } from '../syntax';
import { namesDeclaredWithType } from '../typed-names';

const PRINTING = new Set(['Data', 'Value', 'ToString', 'lombok.Data', 'lombok.Value', 'lombok.ToString']);

export function javaSecretFields(ctx: CodeContext, isSecretName: (name: string) => boolean): Map<string, string> {
  const found = new Map<string, string>();
  if (!/\brecord\b|@(?:lombok\.)?(?:Data|Value|ToString)\b/.test(ctx.text)) return found;
  for (const declaration of ctx.memo('java-type-declarations', () => typeDeclarations(ctx.root))) {
    const name = textOf(field(declaration, 'name'));
    if (!name) continue;
    const secret = printedFields(declaration).find(isSecretName);
    if (secret) found.set(name, secret);
  }
  return found;
}

/** Names declared with one of the types (`DbCredentials creds`, a field, a parameter). */
export function javaSecretInstances(ctx: CodeContext, types: readonly string[]): string[] {
  if (types.length === 0) return [];
  const alternatives = types.map(escapeRegExp).join('|');
  return namesDeclaredWithType(ctx, new RegExp(`^(?:[\\w.]+\\.)?(?:${alternatives})$`), new RegExp(`\\b(?:${alternatives})\\b`));
}

function typeDeclarations(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    for (const c of namedChildren(n)) {
      const type = typeOf(c);
      if (type === 'class_declaration' || type === 'record_declaration') out.push(c);
      if (
        type === 'class_declaration' ||
        type === 'record_declaration' ||
        type === 'class_body' ||
        type === 'interface_declaration' ||
        type === 'interface_body'
      )
        visit(c);
    }
  };
  visit(root);
  return out;
}

/** The fields an instance's toString shows: a record's components, a Lombok-printed class's fields. */
function printedFields(declaration: SyntaxNode): string[] {
  if (typeOf(declaration) === 'record_declaration') return namedChildren(field(declaration, 'parameters')).map((p) => textOf(field(p, 'name')) ?? '');
  const annotations = annotationsOf(declaration);
  const printing = annotations.filter((a) => PRINTING.has(textOf(field(a, 'name')) ?? ''));
  // @ToString(exclude = …) / (onlyExplicitlyIncluded = true): which fields print is not read here.
  if (printing.length === 0 || printing.some((a) => typeOf(a) === 'annotation' && /ToString/.test(textOf(field(a, 'name')) ?? ''))) return [];
  const out: string[] = [];
  for (const member of namedChildren(field(declaration, 'body'))) {
    if (typeOf(member) !== 'field_declaration') continue;
    const modifiers = textOf(namedChildren(member).find((c) => typeOf(c) === 'modifiers')) ?? '';
    if (/\bstatic\b|@(?:lombok\.)?ToString\.Exclude\b/.test(modifiers)) continue;
    for (const d of member.childrenForFieldName('declarator')) if (d) out.push(textOf(field(d, 'name')) ?? '');
  }
  return out;
}

function annotationsOf(declaration: SyntaxNode): SyntaxNode[] {
  const modifiers = namedChildren(declaration).find((c) => typeOf(c) === 'modifiers');
  return namedChildren(modifiers).filter((c) => typeOf(c) === 'annotation' || typeOf(c) === 'marker_annotation');
}
