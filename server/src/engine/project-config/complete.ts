// Completion in a project config file (.secret-hints.yaml) from its schema: setting names where a key
// goes, rule ids under `rules:`, severities and true/false where a value goes. For editors without a
// YAML schema service (VS Code without the YAML extension); the context is read from the lines above
// the cursor (the file is usually half typed, so it rarely parses as intended yet). Block style only,
// as the docs write it: inside a flow collection (`{…}`, `[…]`) nothing is offered.
import { resolveRef, schemaFor, type SchemaNode } from './schema';

export interface ConfigCompletion {
  label: string;
  kind: 'setting' | 'value';
  /** What goes in: `label: ` for a setting, the label for a value. */
  insertText: string;
  /** Markdown. */
  documentation?: string;
}

/** A line's shape: its key (if it is `key:`), whether it has a value after the colon, and its columns. */
interface Line {
  /** Column of the `-` of a list item, if the line starts one. */
  dash: number | undefined;
  /** Column where the line's content starts (after `- `). */
  content: number;
  key: string | undefined;
  hasValue: boolean;
}

const LINE = /^( *)(- +)?(?:([\w$.-]+) *:(?: +|$))?(.*)$/;

function shape(text: string): Line | undefined {
  if (/^\s*(#.*)?$/.test(text)) return undefined; // blank or comment: no structure
  const m = LINE.exec(text);
  if (!m) return undefined;
  const indent = m[1].length;
  const rest = m[4].replace(/(^| )#.*$/, '').trim();
  return { dash: m[2] ? indent : undefined, content: indent + (m[2]?.length ?? 0), key: m[3], hasValue: rest.length > 0 };
}

/**
 * The instance path of the place the cursor's line is in, read upwards: the mapping whose keys sit at
 * `column`, or — for a line that starts a new list item — the item of the list whose dashes sit at
 * `column`. Undefined when a line above does not fit the block layout this reads.
 */
function pathAbove(lines: readonly string[], lineNo: number, column: number, newItem: boolean): (string | number)[] | undefined {
  const path: (string | number)[] = newItem ? [0] : [];
  // 'map': looking for what holds a mapping whose keys are at `col`; 'list': for the key of a list whose dashes are at `col`.
  let mode: 'map' | 'list' = newItem ? 'list' : 'map';
  let col = column;
  for (let i = lineNo - 1; i >= 0 && !(mode === 'map' && col === 0); i--) {
    const line = shape(lines[i]);
    if (!line) continue;
    const bareKey = line.key !== undefined && !line.hasValue;
    if (mode === 'map') {
      if (line.dash !== undefined && line.content === col) {
        // The list item this mapping is the content of.
        path.unshift(0);
        [mode, col] = ['list', line.dash];
      } else if (line.content < col) {
        if (!bareKey) return undefined;
        path.unshift(line.key as string);
        if (line.dash === undefined) col = line.content;
        else {
          path.unshift(0);
          [mode, col] = ['list', line.dash];
        }
      }
    } else if (line.dash === col) {
      continue; // an earlier item of the same list
    } else if ((line.dash ?? line.content) <= col) {
      if (!bareKey) return undefined;
      path.unshift(line.key as string);
      if (line.dash === undefined) [mode, col] = ['map', line.content];
      else {
        path.unshift(0);
        col = line.dash;
      }
    }
  }
  return path;
}

/** Completions at `offset` in `text`. */
export function completeConfig(text: string, offset: number): ConfigCompletion[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  if (/[[\]{}]/.test(before)) return [];
  const lines = text.slice(0, lineStart).split('\n');
  const lineNo = lines.length - 1;
  const value = /^( *)(- +)?([\w$.-]+) *: +([\w-]*)$/.exec(before);
  if (value) {
    const content = value[1].length + (value[2]?.length ?? 0);
    const path = pathAbove(lines, lineNo, value[2] !== undefined ? value[1].length : content, value[2] !== undefined);
    return path ? valuesOf(schemaFor([...path, value[3]])) : [];
  }
  const key = /^( *)(- +)?([\w$.-]*)$/.exec(before);
  if (!key) return [];
  const content = key[1].length + (key[2]?.length ?? 0);
  const path = pathAbove(lines, lineNo, key[2] !== undefined ? key[1].length : content, key[2] !== undefined);
  return path ? keysOf(schemaFor(path)) : [];
}

function keysOf(schema: SchemaNode): ConfigCompletion[] {
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => name !== '$schema')
    .map(([name, property]) => {
      const resolved = resolveRef(property);
      return {
        label: name,
        kind: 'setting',
        insertText: `${name}: `,
        documentation: property.markdownDescription ?? resolved?.markdownDescription ?? resolved?.description,
      };
    });
}

function valuesOf(schema: SchemaNode): ConfigCompletion[] {
  if (schema.enum) return schema.enum.map((v, i) => ({ label: v, kind: 'value', insertText: v, documentation: schema.enumDescriptions?.[i] }));
  if (schema.type === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: 'value', insertText: v }));
  return [];
}
