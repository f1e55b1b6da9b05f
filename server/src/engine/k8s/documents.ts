// Splits a YAML stream into documents with `yaml`'s own parser (never by hand on `---`), so
// offsets stay true and one broken document does not hide the others.
import type { Document } from 'yaml';
import type { Problem } from '../findings';
import { LineIndex } from '../text';
import { maskTemplates, type TemplateMask } from './helm';
import { parseStream, type ParsedStream } from './incremental';
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
}

export function parseManifest(text: string, lines = new LineIndex(text), previous?: ParsedStream): ManifestContext {
  // Helm templates (DESIGN §5): parse with `{{ … }}` masked; offsets and line numbers are unchanged.
  const template = maskTemplates(text);
  const stream = parseStream(template?.masked ?? text, previous);
  const list = stream.docs;
  const documents: ManifestDocument[] = [];
  const problems: Problem[] = [];
  list.forEach((doc, index) => {
    const root = asMap(doc.contents, doc);
    documents.push({
      doc,
      index,
      broken: doc.errors.length > 0,
      apiVersion: getString(root, 'apiVersion', doc),
      kind: getString(root, 'kind', doc),
    });
    const first = doc.errors[0];
    if (first) {
      const [start, end] = first.pos;
      problems.push({
        code: 'parse-error',
        start,
        end: Math.max(end, start),
        message: `YAML document ${index + 1} has a syntax error (${first.code}); secrets in it may be missed and no fix is offered for it.`,
      });
    }
  });
  return { text, lines, documents, problems, template, stream };
}

/** True when any document looks like a Kubernetes object (has `apiVersion` and `kind`). */
export function isKubernetesManifest(ctx: ManifestContext): boolean {
  return ctx.documents.some((d) => d.apiVersion !== undefined && d.kind !== undefined);
}
