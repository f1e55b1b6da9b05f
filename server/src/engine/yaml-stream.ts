// `yaml`'s parseAllDocuments, driven step by step so a time budget can stop it: the lexer and parser
// are checked every few hundred lexemes and the composer between documents. Same options and the
// same Document objects as parseAllDocuments.
import { Composer, Lexer, Parser, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Budget } from './budget';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** How many lexemes pass between two budget checks (a check costs a clock read). */
const LEXEMES_PER_CHECK = 512;

export function parseAllDocumentsWithin(text: string, options: Options, budget: Budget | undefined): Document.Parsed[] {
  return parseLeadingDocuments(text, options, budget, () => false).documents;
}

/**
 * The stream's documents from the start until `enough()` says so (asked after each document). The
 * composer hands over a document only once the next one has begun, so every document returned is
 * exactly what a full parse makes of it. `complete` is true when the whole stream was parsed.
 */
export function parseLeadingDocuments(text: string, options: Options, budget: Budget | undefined, enough: () => boolean): { documents: Document.Parsed[]; complete: boolean } {
  const composer = new Composer(options);
  const documents: Document.Parsed[] = [];
  for (const doc of composer.compose(tokens(text, budget))) {
    documents.push(doc);
    budget?.check();
    if (enough()) return { documents, complete: false };
  }
  return { documents, complete: true };
}

function* tokens(text: string, budget: Budget | undefined): Generator<CST.Token> {
  const parser = new Parser();
  let count = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (budget && ++count % LEXEMES_PER_CHECK === 0) budget.check();
    yield* parser.next(lexeme);
  }
  yield* parser.end();
}
