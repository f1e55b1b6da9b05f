// The secret loader the env-read fix inserts (or writes as a module next to the file): reads
// `${SECRETS_DIR or mountPath}/NAME`, strips one trailing newline, falls back to the env var and then the
// default, and re-reads when the file's mtime changes (Kubernetes swaps the files on rotation).
// Never named `secrets` (Python's standard module) so no import is shadowed.

export const PYTHON_LOADER_NAME = 'load_secret';
export const JS_LOADER_NAME = 'loadSecret';

/**
 * `os`: the name the file's own `import os` binds before the loader (reused); without one the loader
 * imports it as `_os`, a name no code of the file uses.
 */
export function pythonLoader(mountPath: string, os?: string): string {
  const o = os ?? '_os';
  const header = os === undefined ? 'import os as _os\n\n' : '';
  return `${header}_SECRET_CACHE = {}


def load_secret(name, default=None):
    """Return secret \`name\` from the mounted secret file, else the env var, else \`default\`.

    Files live in $SECRETS_DIR (default ${mountPath}); one trailing newline is stripped, and the file is
    re-read when its mtime changes, so a rotated Secret is picked up without a restart.
    """
    path = ${o}.path.join(${o}.environ.get("SECRETS_DIR", ${pyString(mountPath)}), name)
    try:
        mtime = ${o}.stat(path).st_mtime_ns
    except OSError:
        return ${o}.environ.get(name, default)
    cached = _SECRET_CACHE.get(path)
    if cached is None or cached[0] != mtime:
        with open(path, encoding="utf-8") as handle:
            value = handle.read()
        if value.endswith("\\r\\n"):
            value = value[:-2]
        elif value.endswith("\\n"):
            value = value[:-1]
        cached = (mtime, value)
        _SECRET_CACHE[path] = cached
    return cached[1]`;
}

export interface JsLoaderOptions {
  typescript: boolean;
  module: 'esm' | 'cjs';
  /** As a module of its own: exported (ESM `export`, CommonJS `module.exports`). */
  exported: boolean;
}

export function jsLoader(mountPath: string, o: JsLoaderOptions): string {
  const ts = o.typescript;
  const fsImport =
    o.module === 'esm' || ts
      ? 'import { readFileSync as readSecretFile, statSync as statSecretFile } from "node:fs";'
      : 'const { readFileSync: readSecretFile, statSync: statSecretFile } = require("node:fs");';
  const exp = o.exported && (o.module === 'esm' || ts) ? 'export ' : '';
  const cache = ts ? 'new Map<string, { mtimeMs: number; value: string }>()' : 'new Map()';
  const signature = ts
    ? `${exp}function loadSecret(name: string): string | undefined;
${exp}function loadSecret(name: string, fallback: string): string;
${exp}function loadSecret(name: string, fallback?: string): string | undefined {`
    : `${exp}function loadSecret(name, fallback) {`;
  const mtime = ts ? 'let mtimeMs: number;' : 'let mtimeMs;';
  const commonJsExport = o.exported && o.module === 'cjs' && !ts ? '\n\nmodule.exports = { loadSecret };' : '';
  return `${fsImport}

const secretFileCache = ${cache};

/**
 * Returns secret \`name\` from the mounted secret file, else the env var, else \`fallback\`.
 * Files live in $SECRETS_DIR (default ${mountPath}); one trailing newline is stripped, and the file is
 * re-read when its mtime changes, so a rotated Secret is picked up without a restart.
 */
${signature}
  const file = \`\${process.env.SECRETS_DIR ?? ${JSON.stringify(mountPath)}}/\${name}\`;
  ${mtime}
  try {
    mtimeMs = statSecretFile(file).mtimeMs;
  } catch {
    return process.env[name] ?? fallback;
  }
  const cached = secretFileCache.get(file);
  if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.value;
  const value = readSecretFile(file, "utf8").replace(/\\r?\\n$/, "");
  secretFileCache.set(file, { mtimeMs, value });
  return value;
}${commonJsExport}`;
}

function pyString(s: string): string {
  return JSON.stringify(s);
}
