// A Helm template whose branches continue different parents does not parse with every branch in it:
//
//     {{- if .Values.persistentVolume.enabled }}
//       volumeClaimTemplates:            ← the StatefulSet's key
//         - metadata: …
//     {{- else }}
//           - name: data                 ← one more item of the pod's `volumes:`
//             emptyDir: {}
//     {{- end }}
//
// (redis-ha). Each branch is valid YAML where it renders; together they are not. For a document that
// fails to parse, the `else` branches are read as comments — the template as rendered when each `if`
// holds — and then put back one by one wherever the document still parses, so as little as possible is
// left unread. Offsets and lines do not change. The branches that stay unread are reported when they
// could hold a secret reference.
import type { Budget } from '../budget';
import type { Problem } from '../findings';
import type { TemplateMask } from './helm';
import { parseStream, type ParsedStream } from './incremental';
import { actionKind } from './template-blocks';

/** At most this many branches are tried back one by one per stream (each try re-parses the changed documents). */
const MAX_RESTORES = 16;

export interface FirstBranchParse {
  masked: string;
  stream: ParsedStream;
  /** One note per branch left unread that mentions a Secret (its secrets may be missed). */
  notes: Problem[];
}

interface Region {
  /** Offsets of the branch's whole lines (from the line after its `else` to the line before the next `else` or `end`). */
  start: number;
  end: number;
}

/** A parse of the broken documents with `else` branches unread, or undefined when that does not help. */
export function parseFirstBranches(text: string, mask: TemplateMask, standard: ParsedStream, budget?: Budget): FirstBranchParse | undefined {
  const broken = standard.docs.filter((d) => d.errors.length > 0).map((d) => ({ start: d.range[0], end: d.range[2] }));
  const regions = elseRegions(text, mask).filter((r) => broken.some((b) => b.start <= r.start && r.end <= b.end));
  if (regions.length === 0) return undefined;
  const base = mask.masked;
  // Outermost first: putting back an outer branch puts back what is inside it.
  regions.sort((a, b) => a.start - b.start || b.end - a.end);
  let unread = regions;
  let masked = withCommented(base, unread);
  let stream = parseStream(masked, undefined, budget);
  if (!sameDocuments(standard, stream) || brokenCount(stream) >= brokenCount(standard)) return undefined;
  // Put branches back while the document still parses as well (most else branches are harmless).
  for (const region of regions.slice(0, MAX_RESTORES)) {
    const fewer = unread.filter((r) => r !== region);
    const tried = withCommented(base, fewer);
    const parsed = parseStream(tried, stream, budget);
    if (sameDocuments(standard, parsed) && brokenCount(parsed) <= brokenCount(stream)) {
      unread = fewer;
      masked = tried;
      stream = parsed;
    }
  }
  const notes = unread
    .filter((r) => /\bsecret(KeyRef|Ref)\b|\bvalueFrom\b/.test(text.slice(r.start, r.end)))
    .map((r): Problem => ({
      code: 'parse-error',
      start: r.start,
      end: r.start,
      message:
        'This template branch cannot be read together with the rest of its document (its lines continue another parent); secrets in it may be missed and no fix is offered for it.',
    }));
  return { masked, stream, notes };
}

/** The lines of every `else` / `else if` branch whose `else` and closing action each fill their own line. */
function elseRegions(text: string, mask: TemplateMask): Region[] {
  const regions: Region[] = [];
  // Per open block: where its current else branch began (undefined in the first branch).
  const stack: (number | undefined)[] = [];
  for (const action of mask.actions) {
    const kind = actionKind(text, action);
    if (kind === 'else' || kind === 'end') {
      const from = stack.pop();
      if (from !== undefined && action.wholeLine) {
        const end = lineStartOf(text, action.start);
        if (end > from) regions.push({ start: from, end });
      }
      if (kind === 'else') stack.push(action.wholeLine ? lineEndOf(text, action.end) : undefined);
    } else if (kind !== 'value') {
      stack.push(undefined);
    }
  }
  return regions;
}

function withCommented(base: string, regions: readonly Region[]): string {
  const chars = base.split('');
  for (const r of regions) commentOut(base, chars, r);
  return chars.join('');
}

/** Turns each line of the region with content into a comment, in place (same length, same breaks). */
function commentOut(base: string, chars: string[], region: Region): void {
  let atLineStart = true;
  for (let i = region.start; i < region.end; i++) {
    const c = base[i];
    if (c === '\n') {
      atLineStart = true;
    } else if (atLineStart && c !== ' ' && c !== '\t' && c !== '\r') {
      chars[i] = '#';
      atLineStart = false;
    }
  }
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the line break that ends the line holding `offset`. */
function lineEndOf(text: string, offset: number): number {
  const eol = text.indexOf('\n', offset);
  return eol < 0 ? text.length : eol + 1;
}

function brokenCount(stream: ParsedStream): number {
  return stream.docs.filter((d) => d.errors.length > 0).length;
}

/** Same documents at the same places: a commented branch must not merge or split documents. */
function sameDocuments(a: ParsedStream, b: ParsedStream): boolean {
  return a.docs.length === b.docs.length && a.docs.every((d, i) => d.range[0] === b.docs[i].range[0]);
}
