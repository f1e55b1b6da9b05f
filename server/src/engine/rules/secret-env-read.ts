// secret-env-read: code reads a secret from an environment variable — directly, or through a config
// framework (django-environ, python-decouple, pydantic settings, envalid, zod, t3-env, NestJS, envconfig,
// caarlos0/env, viper, Spring…). Spring Boot config files' placeholders are its findings too (spring/).
import { frameworkReads, frameworkReadSpanning } from '../code/frameworks';
import { loaderFixes } from '../code/loader-fix';
import { publicPrefixOf } from '../code/public-env';
import { envVarSecrecy, frameworkSecrecy, relatedFor, type EnvSecrecy } from '../code/secret-env';
import type { CodeRule, Detected } from '../rule';

export const secretEnvRead: CodeRule = {
  id: 'secret-env-read',
  target: 'code',
  summary: 'A secret is read from an environment variable.',
  explanation:
    'Secrets in environment variables leak into crash dumps, `/proc/<pid>/environ`, child processes and debug pages, ' +
    'and they only change when the process restarts. Read the secret from the file Kubernetes mounts instead ' +
    '(`load_secret("NAME")`, `loadSecret("NAME")`, Go\'s `getSecret("NAME")`, Java\'s `SecretLoader.get("NAME")`, or the ' +
    "config framework's own secret-file support — Spring's configtree import, caarlos0/env's `file` option): it is re-read " +
    'when the Secret rotates, and falls back to the env var.',
  defaultSeverity: 'warning',
  flags:
    'code reading a secret from the environment — Python (`os.environ`, `os.getenv`), TS/JS (`process.env`, destructuring), Go (`os.Getenv`, `os.LookupEnv`), Java (`System.getenv`) — or through a config framework (django-environ, python-decouple, pydantic settings, dynaconf, Flask, envalid, zod, t3-env, NestJS ConfigService, env-var, envconfig, caarlos0/env, viper, Spring `@Value` / `Environment` / `@ConfigurationProperties` and `${VAR}` placeholders in application.properties / .yml)',
  preferredFix: "loader call + stub, or the framework's secret files",
  detect(ctx, env) {
    const out: Detected[] = [];
    const report = (
      node: { startIndex: number; endIndex: number },
      name: string,
      secrecy: EnvSecrecy,
      data: Detected['data'],
      through = '',
      advice = 'read it from the mounted secret file instead',
    ) => {
      const via = secrecy.source?.secret ? ` (fed from Secret "${secrecy.source.secret}")` : '';
      out.push({
        start: node.startIndex,
        end: node.endIndex,
        message: `Secret ${name}${via} is read from the environment${through}; ${advice}.`,
        data,
        related: relatedFor(secrecy),
      });
    };
    for (const read of ctx.env.reads) {
      const secrecy = envVarSecrecy(read.name, env);
      if (!secrecy.secret || publicPrefixOf(ctx.dialect, read.name) !== undefined) continue;
      report(read.node, read.name, secrecy, { variable: read.name, form: read.form }, read.through ? ` through ${read.through}()` : '');
    }
    for (const read of frameworkReads(ctx)) {
      const secrecy = frameworkSecrecy(read, env);
      if (!secrecy.secret || publicPrefixOf(ctx.dialect, read.name) !== undefined) continue;
      const fixed = read.fixedRead;
      const how =
        fixed === undefined
          ? { fixedRead: 'none' }
          : fixed.kind === 'file'
            ? { fixedRead: 'file' }
            : { fixedRead: 'pointer', pointer: fixed.variable, reader: fixed.reader };
      const data = { variable: read.name, form: 'framework', framework: read.framework, ...how };
      report(read.node, read.name, secrecy, data, ` through ${read.framework}`, read.advice?.(env));
    }
    return out;
  },
  fixes(ctx, finding, env) {
    if (finding.data.form === 'framework') return frameworkReadSpanning(ctx, finding.start, finding.end)?.fixes(env) ?? [];
    const read = ctx.env.readSpanning(finding.start, finding.end);
    return read ? loaderFixes(ctx, read, env) : [];
  },
};
