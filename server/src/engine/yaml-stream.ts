// `yaml`'s parseAllDocuments, driven step by step so a time budget can stop it: the lexer and parser
// are checked every few hundred lexemes and the composer between documents. Same options and the
// same Document objects as parseAllDocuments.
import { Composer, Lexer, Parser, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Budget } from './budget';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** How many lexemes pass between two budget checks (a check costs a clock read). */
const LEXEMES_PER_CHECK = 512;

export function parseAllDocumentsWithin(text: string, options: Options, budget: Budget | undefined): Document.Parsed[] {
  const composer = new Composer(options);
  const documents: Document.Parsed[] = [];
  for (const doc of composer.compose(tokens(text, budget))) {
    documents.push(doc);
    budget?.check();
  }
  return documents;
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
