// The registry of code dialects: one per code language kind (languages.ts maps files to kinds).
import type { Dialect } from './dialect';
import { goDialect } from './go/dialect';
import { javaDialect } from './java/dialect';
import { javascriptDialect, typescriptDialect } from './js/dialect';
import type { CodeKind } from './languages';
import { pythonDialect } from './python/dialect';

const DIALECTS: Record<CodeKind, Dialect> = {
  python: pythonDialect,
  typescript: typescriptDialect,
  javascript: javascriptDialect,
  go: goDialect,
  java: javaDialect,
};

export function dialectOf(kind: CodeKind): Dialect {
  return DIALECTS[kind];
}
