// Template edits that extend lists a Helm template writes in its own ways: a list produced by a
// `{{- with }}` block (listBesideTemplate), a list whose key an `{{ if }}` writes (listBehindCondition),
// and a source a `{{ range }}` repeats (rangeAround). Each marks what templatedFix must know about its
// edits (template-edits.ts).
import { isPair, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { Fix, TextEdit } from '../../findings';
import { findPair, keyName } from '../nodes';
import { actionBody, actionKind, blocksAt, branchesOf, conditionOf, extendsBlocks, type Block } from '../template-blocks';
import { appendSeqItems } from './edits';
import { emitBlockSeqItems, type YamlValue } from './emit';
import { collectionStart, columnOf, contentEnd, startOf } from './geometry';
import type { ContainerSite } from './site';
import { appendsInsideKeyBlock, copiesRange, rendersAlways, rendersWithEntry, variablesVisibleAt, wholeLineAction } from './template-edits';

/**
 * Adds `values` to the list `key` of `map` where a template block produces that list:
 *
 *     {{- with .Values.volumes }}          volumes:
 *     volumes:                      →        - <ours>
 *       {{- toYaml . | nindent 8 }}        {{- with .Values.volumes }}
 *     {{- end }}                             {{- toYaml . | nindent 8 }}
 *                                          {{- end }}
 *
 * The key moves before the block (rendered always), our entries follow it at the column the `nindent`
 * gives the generated items, and the block adds its items after ours when it renders. Undefined for
 * any other shape (an unconditional `toYaml` may render `[]`, which nothing can follow).
 */
export function listBesideTemplate(site: ContainerSite, map: YAMLMap, key: string, values: YamlValue[]): TextEdit[] | undefined {
  const { ctx, lines } = site;
  const keyStart = emptyTemplateKey(site, map, key);
  if (keyStart === undefined) return undefined;
  const keyLine = lines.lineAt(keyStart);
  if (keyLine === 0 || keyLine + 2 >= lines.lineCount) return undefined;
  const opener = wholeLineAction(ctx, keyLine - 1);
  const body = wholeLineAction(ctx, keyLine + 1);
  const end = wholeLineAction(ctx, keyLine + 2);
  if (!opener || !body || !end) return undefined;
  const kinds = [opener, end].map((a) => actionKind(ctx.text, a));
  if ((kinds[0] !== 'with' && kinds[0] !== 'if') || kinds[1] !== 'end') return undefined;
  const column = /\|\s*nindent\s+(\d+)\s*-?\}\}$/.exec(ctx.text.slice(body.start, body.end))?.[1];
  if (column === undefined || !/^\{\{-?\s*toYaml\b/.test(ctx.text.slice(body.start, body.end))) return undefined;
  const keyLineText = lines.lineText(keyLine);
  if (keyLineText.trim() !== `${key}:`) return undefined;
  const items = emitBlockSeqItems(values, Number(column), site.style);
  const openerLineStart = lines.lineStart(keyLine - 1);
  // The key now renders always (an absent list and an empty one mean the same); only our items follow
  // the entry's conditions (templatedFix may wrap them), so they are a separate insertion after it.
  const keyEdit: TextEdit = { start: openerLineStart, end: openerLineStart, newText: keyLineText + site.eol };
  rendersAlways(keyEdit);
  return [
    keyEdit,
    { start: openerLineStart, end: openerLineStart, newText: items.join(site.eol) + site.eol },
    { start: lines.lineStart(keyLine), end: lines.lineStart(keyLine + 1), newText: '' },
  ];
}

/** Where `key` of `map` starts, in a template that writes it with no YAML value (its items come from actions). */
function emptyTemplateKey(site: ContainerSite, map: YAMLMap, key: string): number | undefined {
  const pair = findPair(map, key);
  const empty = pair && (pair.value === null || (isScalar(pair.value) && pair.value.value === null));
  return site.ctx.template && empty ? startOf(pair.key) : undefined;
}

/**
 * Adds `item` to a list whose key is followed by lines of actions only, inside blocks of their own
 * (temporal: `volumes:`, then `{{- if .Values.web.additionalVolumes }}` / `{{- toYaml … | nindent 8 }}` /
 * `{{- end }}` and an `include` of more volumes): right after the key, at the column every `nindent N` /
 * `indent N` among those lines gives — they must agree, and a `toYaml` must sit in a block opened after
 * the key (unguarded, it may render `[]`). Where an `if` the entry is not in writes the key, the list is
 * also written for when it does not (listBehindCondition). Undefined for any other shape.
 */
export function listOfTemplateLines(site: ContainerSite, map: YAMLMap, key: string, item: YamlValue): TextEdit[] | undefined {
  const { ctx, lines } = site;
  const keyStart = emptyTemplateKey(site, map, key);
  if (keyStart === undefined) return undefined;
  const keyLine = lines.lineAt(keyStart);
  const keyColumn = columnOf(lines, keyStart);
  if (lines.lineText(keyLine).trim() !== `${key}:` || keyLine + 1 >= lines.lineCount) return undefined;
  const at = lines.lineStart(keyLine + 1);
  const depth = blocksAt(ctx, at)?.length;
  if (depth === undefined) return undefined;
  let column: number | undefined;
  for (let line = keyLine + 1; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    if (text.trim() === '') continue;
    const action = wholeLineAction(ctx, line);
    if (!action) {
      // The list ends where YAML content at the key's column or left of it begins.
      if (text.search(/\S/) <= keyColumn) break;
      return undefined;
    }
    const body = ctx.text.slice(action.start, action.end);
    const indent = /\|\s*n?indent\s+(\d+)/.exec(body)?.[1];
    if (indent !== undefined) {
      if (column !== undefined && column !== Number(indent)) return undefined;
      column = Number(indent);
    }
    if (/\btoYaml\b/.test(body) && (blocksAt(ctx, action.start)?.length ?? 0) <= depth) return undefined;
  }
  if (column === undefined || column <= keyColumn) return undefined;
  const inside: TextEdit[] = [{ start: at, end: at, newText: emitBlockSeqItems([item], column, site.style).join(site.eol) + site.eol }];
  return rendersWithEntry(site, at) ? inside : listBehindCondition(site, map, key, inside, item);
}

/**
 * Items for the list `key` of `map` when an `if` the entry is not in writes that key:
 *
 *     {{- if .Values.persistence.enabled }}       {{- if .Values.persistence.enabled }}
 *     volumeMounts:                               volumeMounts:
 *       - name: data                        →       - name: data
 *     {{- end }}                                    - <ours>
 *                                                 {{- end }}
 *                                                 {{- if not (.Values.persistence.enabled) }}
 *                                                 volumeMounts:
 *                                                   - <ours>
 *                                                 {{- end }}
 *
 * The item joins the list where the `if` writes it, and a list of the key is written where it does not
 * (or, written by an earlier fix, gets the item too); templatedFix then wraps each item in the entry's
 * own conditions (the complement's key stays unwrapped, so later fixes add to it: a key with no item
 * renders as an empty list). `inside` are the edits that append to the `if`'s list. Undefined when the
 * key is not in such an `if`.
 */
export function listBehindCondition(site: ContainerSite, map: YAMLMap, key: string, inside: TextEdit[], item: YamlValue): TextEdit[] | undefined {
  const { ctx, lines } = site;
  const pairs = map.items.filter((p): p is Pair => isPair(p) && keyName(p) === key);
  const keyStart = startOf(pairs[0]?.key);
  const mapStart = collectionStart(site.document.doc, map);
  if (!ctx.template || keyStart === undefined || mapStart === undefined || pairs.length > 2) return undefined;
  const keyBlocks = blocksAt(ctx, keyStart);
  const mapBlocks = blocksAt(ctx, mapStart);
  const entry = blocksAt(ctx, site.at);
  if (!keyBlocks || !mapBlocks || !entry || keyBlocks.length !== mapBlocks.length + 1 || !extendsBlocks(ctx, keyBlocks, mapBlocks)) return undefined;
  const block = keyBlocks[keyBlocks.length - 1];
  const condition = conditionOf(ctx, block);
  if (condition === undefined || extendsBlocks(ctx, entry, keyBlocks) || !variablesVisibleAt(ctx, condition, keyStart)) return undefined;
  const chain = branchesOf(ctx, block);
  if (!chain?.end.wholeLine || chain.elses.length !== 0) return undefined;
  const column = columnOf(lines, keyStart);
  const pad = ' '.repeat(column);
  const endLine = lines.lineAt(chain.end.start);
  const after = lines.nextLineStart(endLine);
  const lead = after === ctx.text.length && !/\n$/.test(ctx.text) ? site.eol : '';
  // An entry that renders only where the `if` does not (the `else` of an `if` whose copy an earlier fix
  // wrote the key under): nothing joins that list, and the entry's own `not (COND)` wraps key and item.
  if (pairs.length === 1 && entry.some((b) => conditionOf(ctx, b) === `not (${condition})`)) {
    const body = [`${pad}${key}:`, ...emitBlockSeqItems([item], column + site.style.seqOffset, site.style)];
    return [{ start: after, end: after, newText: lead + body.join(site.eol) + site.eol }];
  }
  for (const e of inside) appendsInsideKeyBlock(e, block);
  if (pairs.length === 2) {
    const complement = intoComplement(site, pairs[1], mapBlocks, condition, item);
    return complement && [...inside, ...complement];
  }
  const open: TextEdit = { start: after, end: after, newText: `${lead}${pad}{{- if not (${condition}) }}${site.eol}${pad}${key}:${site.eol}` };
  const items: TextEdit = { start: after, end: after, newText: emitBlockSeqItems([item], column + site.style.seqOffset, site.style).join(site.eol) + site.eol };
  const close: TextEdit = { start: after, end: after, newText: `${pad}{{- end }}${site.eol}` };
  rendersAlways(open);
  rendersAlways(close);
  return [...inside, open, items, close];
}

/** The item appended to the list an earlier fix wrote under `{{- if not (COND) }}`, or undefined. */
function intoComplement(site: ContainerSite, pair: Pair, mapBlocks: readonly Block[], condition: string, item: YamlValue): TextEdit[] | undefined {
  const { ctx } = site;
  const blocks = blocksAt(ctx, startOf(pair.key) ?? 0);
  const own = blocks?.[blocks.length - 1];
  if (!blocks || !own || !isSeq(pair.value) || blocks.length !== mapBlocks.length + 1 || !extendsBlocks(ctx, blocks, mapBlocks)) return undefined;
  if (actionBody(ctx.text.slice(own.open.start, own.open.end)) !== `if not (${condition})`) return undefined;
  const edits = appendSeqItems(site, pair.value, [item], pair.value.items[pair.value.items.length - 1]) ?? addToEmptyList(site, pair, item);
  for (const e of edits ?? []) appendsInsideKeyBlock(e, own);
  return edits;
}

/** Items for `key:` written with none (a complement list whose only item was wrapped away): right after the key line. */
function addToEmptyList(site: ContainerSite, pair: Pair, item: YamlValue): TextEdit[] | undefined {
  const keyStart = startOf(pair.key);
  if (keyStart === undefined || pair.value !== null) return undefined;
  const line = site.lines.lineAt(keyStart);
  const at = site.lines.nextLineStart(line);
  const column = columnOf(site.lines, keyStart);
  return [{ start: at, end: at, newText: emitBlockSeqItems([item], column + site.style.seqOffset, site.style).join(site.eol) + site.eol }];
}

/**
 * The `{{ range }}` directly around an entry that is its only content (`{{- range .Values.envFromSecrets }}
 * - secretRef: {name: …} {{- end }}`), for a fix that repeats the Secret's source the same way; its
 * action texts, and `own` to mark the fix with. Undefined when the entry is not alone in such a range,
 * or the range is inside a `with`/`range` (its `.` would differ where the source goes).
 */
export function rangeAround(
  site: ContainerSite,
  item: { range?: [number, number, number] | null },
): { open: string; close: string; own: (fix: Fix) => Fix } | undefined {
  const { ctx } = site;
  const blocks = blocksAt(ctx, site.at);
  const range = blocks?.[blocks.length - 1];
  if (!blocks || !range || range.kind !== 'range' || blocks.slice(0, -1).some((b) => b.kind !== 'if')) return undefined;
  const chain = branchesOf(ctx, range);
  const start = item.range?.[0];
  const end = contentEnd(item);
  if (!chain || chain.elses.length > 0 || start === undefined || end === undefined) return undefined;
  // Only the entry between the range's lines (blank lines aside).
  const between = [ctx.text.slice(range.open.end, start), ctx.text.slice(end, chain.end.start)];
  if (between.some((t) => t.replace(/[\s-]/g, '') !== '')) return undefined;
  const open = ctx.text.slice(range.open.start, range.open.end);
  if (!variablesVisibleAt(ctx, open.replace(/\$\w+\s*(,\s*\$\w+\s*)?:=/, ''), range.open.start)) return undefined;
  return {
    open,
    close: ctx.text.slice(chain.end.start, chain.end.end),
    own: (fix) => {
      copiesRange(fix, range);
      return fix;
    },
  };
}
