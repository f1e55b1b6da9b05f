// compose-secret-env: a Compose service gets a secret as an environment variable — written in the
// file, interpolated from the shell or `.env`, or from an `env_file`. Compose has its own secrets,
// mounted read-only under /run/secrets; the fix moves the value there (docker/compose/secret-fix.ts).
import { entrySecrecy, envFileSecrets } from '../docker/compose/secrets';
import { composeSecretFixes } from '../docker/compose/secret-fix';
import type { ComposeRule, Detected } from '../rule';

const ID = 'compose-secret-env';

export const composeSecretEnv: ComposeRule = {
  id: ID,
  target: 'compose',
  summary: 'A Compose service gets a secret as an environment variable.',
  explanation:
    'A service’s environment is shown by `docker inspect` and `docker compose config`, inherited by every process in the container ' +
    'and dumped by crash handlers; a value written in the Compose file is also in the repository. Compose secrets are mounted ' +
    'read-only as files under /run/secrets: define the secret at the top level (`environment:` source for a value from the shell, ' +
    'Compose 2.23+, or `file:`), list it in the service’s `secrets:`, and have the app read the file — many images read a `*_FILE` variable.',
  defaultSeverity: 'warning',
  flags: 'a secret in a service’s `environment:` (map or list; literal, `${VAR}` or passed through) or in its `env_file`',
  preferredFix: 'Compose secret + `*_FILE` or the loader',
  detect(ctx, env) {
    const out: Detected[] = [];
    // An entry written once in a shared block (`x-env: &env` merged into services) is reported once, there.
    const sharedUsers = new Map<number, string[]>();
    for (const service of ctx.services) {
      for (const at of [
        ...service.entries.filter((e) => e.shared).map((e) => e.range.start),
        ...service.envFiles.filter((f) => f.shared).map((f) => f.range.start),
      ]) {
        sharedUsers.set(at, [...(sharedUsers.get(at) ?? []), service.name]);
      }
    }
    const reported = new Set<number>();
    const who = (service: string, at: number, shared: boolean) => {
      const users = shared ? (sharedUsers.get(at) ?? [service]) : [service];
      return users.length === 1 ? `Service "${users[0]}" gets` : `Services ${users.map((u) => `"${u}"`).join(', ')} get`;
    };
    const sharedNote =
      'written in a block several services share (a YAML anchor merged or aliased in): move it to each service’s own environment, or give the services a Compose secret by hand';
    for (const service of ctx.services) {
      for (const entry of service.entries) {
        const secrecy = entrySecrecy(entry, env.names);
        if (!secrecy || reported.has(entry.range.start)) continue;
        reported.add(entry.range.start);
        out.push({
          start: entry.nameRange.start,
          end: entry.range.end,
          message: `${who(service.name, entry.range.start, entry.shared)} secret ${entry.name} as an environment variable (${secrecy.why}); mount it as a Compose secret under /run/secrets instead.`,
          data: { service: service.name, variable: entry.name, literal: secrecy.literal, fixBlocked: entry.shared ? sharedNote : undefined },
        });
      }
      for (const file of service.envFiles) {
        if (reported.has(file.range.start)) continue;
        const text = env.readBeside?.(file.path);
        if (text === undefined) continue;
        const keys = envFileSecrets(text, env.names);
        if (keys.length === 0) continue;
        reported.add(file.range.start);
        const shown = keys.slice(0, 4).join(', ') + (keys.length > 4 ? `, … (${keys.length})` : '');
        out.push({
          start: file.range.start,
          end: file.range.end,
          message: `${who(service.name, file.range.start, file.shared)} ${keys.length === 1 ? `secret ${shown} as an environment variable` : `secrets ${shown} as environment variables`} from env_file ${file.path}; move ${keys.length === 1 ? 'it' : 'them'} to Compose secrets under /run/secrets.`,
          data: {
            service: service.name,
            envFile: file.path,
            fixBlocked:
              'the values live in the env file: define them as Compose secrets (file: or environment: sources) and list them in the service’s secrets:',
          },
        });
      }
    }
    return out;
  },
  fixes: composeSecretFixes,
};
