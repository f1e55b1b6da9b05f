// secret-env-read: code reads a secret from an environment variable.
import { loaderFixes } from '../code/loader-fix';
import { envVarSecrecy, relatedFor } from '../code/secret-env';
import type { CodeRule, Detected } from '../rule';

export const secretEnvRead: CodeRule = {
  id: 'secret-env-read',
  target: 'code',
  summary: 'A secret is read from an environment variable.',
  explanation:
    'Secrets in environment variables leak into crash dumps, `/proc/<pid>/environ`, child processes and debug pages, ' +
    'and they only change when the process restarts. Read the secret from the file Kubernetes mounts instead ' +
    '(`load_secret("NAME")` / `loadSecret("NAME")`): it is re-read when the Secret rotates, and falls back to the env var.',
  defaultSeverity: 'warning',
  flags: 'Python/TS/JS code reading a secret from the environment (`os.environ`, `os.getenv`, `process.env`, destructuring)',
  preferredFix: 'loader call + stub',
  detect(ctx, env) {
    const out: Detected[] = [];
    for (const read of ctx.env.reads) {
      const secrecy = envVarSecrecy(read.name, env);
      if (!secrecy.secret) continue;
      const via = secrecy.source?.secret ? ` (fed from Secret "${secrecy.source.secret}")` : '';
      out.push({
        start: read.node.startIndex,
        end: read.node.endIndex,
        message: `Secret ${read.name}${via} is read from the environment; read it from the mounted secret file instead.`,
        data: { variable: read.name, form: read.form },
        related: relatedFor(secrecy),
      });
    }
    return out;
  },
  fixes(ctx, finding, env) {
    const read = ctx.env.readSpanning(finding.start, finding.end);
    return read ? loaderFixes(ctx, read, env) : [];
  },
};
