// Splits a YAML stream into documents with `yaml`'s own parser (never by hand on `---`), so
// offsets stay true and one broken document does not hide the others.
import type { Document } from 'yaml';
import type { Budget } from '../budget';
import type { Problem } from '../findings';
import { LineIndex } from '../text';
import { parseFirstBranches } from './first-branch';
import { maskTemplates, type TemplateMask } from './helm';
import { PARSE_OPTIONS, parseStream, type ParsedStream } from './incremental';
import { DocumentStream } from './yaml-stream';
import { asMap, getString } from './nodes';

export interface ManifestDocument {
  doc: Document.Parsed;
  /** 0-based position of the document in the stream. */
  index: number;
  /** True when `yaml` reported errors: findings are still reported, fixes are not offered. */
  broken: boolean;
  apiVersion: string | undefined;
  kind: string | undefined;
}

export interface ManifestContext {
  text: string;
  lines: LineIndex;
  documents: ManifestDocument[];
  problems: Problem[];
  /** Helm template actions masked before parsing (undefined for plain YAML); `text` stays the original. */
  template: TemplateMask | undefined;
  /** The parse, kept so the next version of the text re-parses only the documents an edit touched. */
  stream: ParsedStream;
  /** The analysis' work budget; walks over many objects spend from it (see budget.ts). */
  budget?: Budget;
}

/** A stream of thousands of broken documents gets this many parse problems plus one summary, not one each. */
const MAX_PARSE_PROBLEMS = 20;

/**
 * `previous`: the parse of an earlier version (re-parsed incrementally). `started`: a parse of this
 * very text stopped after its leading documents (a preview's), continued instead of starting over.
 */
export function parseManifest(text: string, lines = new LineIndex(text), previous?: ParsedStream, budget?: Budget, started?: DocumentStream): ManifestContext {
  // Helm templates (DESIGN §5): parse with `{{ … }}` masked; offsets and line numbers are unchanged.
  const template = maskTemplates(text);
  const masked = template?.masked ?? text;
  const stream = !previous && started?.text === masked && !started.failed ? finish(started, budget) : parseStream(masked, previous, budget);
  // A template document that does not parse may parse with its `else` branches unread (first-branch.ts).
  const retried = template && stream.docs.some((d) => d.errors.length > 0) ? parseFirstBranches(text, template, stream, budget) : undefined;
  if (!template || !retried) return contextOf(text, lines, template, stream, budget);
  const ctx = contextOf(text, lines, { ...template, masked: retried.masked }, retried.stream, budget);
  ctx.problems.push(...retried.notes);
  return ctx;
}

function finish(started: DocumentStream, budget: Budget | undefined): ParsedStream {
  started.parse(budget);
  return { text: started.text, docs: [...started.documents] };
}

/**
 * The leading documents of a manifest, parsed until `enough()` (asked after each document), as a
 * context the rules can run on, and the parse to continue later. Undefined when the whole stream was
 * parsed anyway.
 */
export function parseLeadingManifest(
  text: string,
  lines: LineIndex,
  budget: Budget,
  enough: (documents: readonly Document.Parsed[]) => boolean,
): { ctx: ManifestContext; started: DocumentStream } | undefined {
  const template = maskTemplates(text);
  const started = new DocumentStream(template?.masked ?? text, PARSE_OPTIONS);
  if (started.parse(budget, enough)) return undefined;
  return { ctx: contextOf(text, lines, template, { text: started.text, docs: [...started.documents] }, budget), started };
}

function contextOf(text: string, lines: LineIndex, template: TemplateMask | undefined, stream: ParsedStream, budget: Budget | undefined): ManifestContext {
  const documents: ManifestDocument[] = [];
  const problems: Problem[] = [];
  let brokenCount = 0;
  stream.docs.forEach((doc, index) => {
    const root = asMap(doc.contents, doc);
    documents.push({
      doc,
      index,
      broken: doc.errors.length > 0,
      apiVersion: getString(root, 'apiVersion', doc),
      kind: getString(root, 'kind', doc),
    });
    const first = doc.errors[0];
    if (first && ++brokenCount <= MAX_PARSE_PROBLEMS) {
      // `yaml` reports errors at end of input one character past it: clamp into the document.
      const start = Math.min(first.pos[0], text.length);
      problems.push({
        code: 'parse-error',
        start,
        end: Math.min(Math.max(first.pos[1], start), text.length),
        message: `YAML document ${index + 1} has a syntax error (${first.code}); secrets in it may be missed and no fix is offered for it.`,
      });
    }
  });
  if (brokenCount > MAX_PARSE_PROBLEMS) {
    problems.push({
      code: 'parse-error',
      start: 0,
      end: 0,
      message: `${brokenCount - MAX_PARSE_PROBLEMS} more YAML documents have syntax errors; secrets in them may be missed.`,
    });
  }
  return { text, lines, documents, problems, template, stream, budget };
}

/** True when any document looks like a Kubernetes object (has `apiVersion` and `kind`). */
export function isKubernetesManifest(ctx: ManifestContext): boolean {
  return ctx.documents.some((d) => d.apiVersion !== undefined && d.kind !== undefined);
}
