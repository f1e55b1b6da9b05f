// `yaml`'s parseAllDocuments, driven step by step so a preview can stop it between documents and the
// editor's time guard can look at the clock between lexemes (the work itself is paid for up front,
// from the text: budget.ts). Same options and the same Document objects as parseAllDocuments.
import { Composer, Lexer, Parser, type CST, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Budget } from '../budget';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

export function parseAllDocumentsWithin(text: string, options: Options, budget: Budget | undefined): Document.Parsed[] {
  const stream = new DocumentStream(text, options);
  stream.parse(budget);
  return stream.documents;
}

/**
 * A parse that can stop between documents and go on later: a preview parses the leading documents,
 * the full analysis then continues from there instead of starting over. The composer hands over a
 * document only once the next one has begun, so every document is exactly what a full parse makes of it.
 */
export class DocumentStream {
  readonly documents: Document.Parsed[] = [];
  private budget: Budget | undefined;
  private readonly source: Iterator<Document.Parsed>;
  private state: 'open' | 'complete' | 'failed' = 'open';

  constructor(
    readonly text: string,
    options: Options,
  ) {
    this.source = new Composer(options).compose(tokens(text, () => this.budget));
  }

  get complete(): boolean {
    return this.state === 'complete';
  }

  /** The budget stopped it: it cannot go on (a caller parses from scratch instead). */
  get failed(): boolean {
    return this.state === 'failed';
  }

  /**
   * Parses on within `budget` until `enough()` (asked after each document) or the end of the text;
   * true when the end is reached. Once the budget has thrown, the stream cannot go on.
   */
  parse(budget: Budget | undefined, enough: (documents: readonly Document.Parsed[]) => boolean = () => false): boolean {
    if (this.state === 'failed') throw new Error('this parse was stopped by its budget and cannot go on');
    this.budget = budget;
    try {
      while (this.state === 'open') {
        const next = this.source.next();
        if (next.done) this.state = 'complete';
        else {
          this.documents.push(next.value);
          budget?.tick();
          if (enough(this.documents)) break;
        }
      }
    } catch (err) {
      this.state = 'failed';
      throw err;
    }
    return this.complete;
  }
}

function* tokens(text: string, budget: () => Budget | undefined): Generator<CST.Token> {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    budget()?.tick(); // the budget decides how rarely it reads the clock
    yield* parser.next(lexeme);
  }
  yield* parser.end();
}
