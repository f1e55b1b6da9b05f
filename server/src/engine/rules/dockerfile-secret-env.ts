// dockerfile-secret-env: a secret set with ENV is stored in the image config and in every layer built
// after it — `docker inspect` and `docker history` print it to anyone who can pull the image.
import { buildOptionFor } from '../docker/dockerfile/secret-mount-fix';
import { declarationFinding, declarationOf, describeReason, moveToBuildSecret, secretDeclarations, stepLines } from '../docker/dockerfile/declaration-findings';
import type { DockerfileRule } from '../rule';

const ID = 'dockerfile-secret-env';

export const dockerfileSecretEnv: DockerfileRule = {
  id: ID,
  target: 'dockerfile',
  summary: 'A secret is set with ENV in a Dockerfile, so it is stored in the image.',
  explanation:
    'ENV values are part of the image: `docker inspect` shows them and every container started from the image (and every stage built ' +
    'FROM it) gets them, whoever runs it. Give the container the secret at run time as a file (Compose `secrets:`, a Kubernetes Secret ' +
    'volume) and, where a RUN step needs it while building, as a BuildKit secret (`RUN --mount=type=secret,id=…,env=NAME`), which is ' +
    'never written to a layer. Rotate a value that was ever built into an image.',
  defaultSeverity: 'error',
  flags: '`ENV` with a secret name, a credential-shaped value, or a copy of a secret build argument',
  preferredFix: 'remove; BuildKit secret for RUN',
  detect(ctx, env) {
    return secretDeclarations(ctx, 'ENV', env).map((found) => {
      const runs = found.referencing.length > 0 ? `; RUN on ${stepLines(ctx, found.referencing)} uses it while building` : '';
      return declarationFinding(
        ctx,
        found,
        `ENV ${found.decl.name} bakes a secret into the image (${describeReason(found.reason)}): docker inspect and docker history show it${runs}. Provide it at run time as a secret file instead.`,
      );
    });
  },
  fixes(ctx, finding, env) {
    const decl = declarationOf(ctx, finding);
    if (!decl) return [];
    const runs = secretDeclarations(ctx, 'ENV', env).find((d) => d.decl === decl)?.referencing ?? [];
    const mountPath = env.settings.mountPath;
    return moveToBuildSecret(ctx, finding, decl, runs, (mounted, directiveAdded) => ({
      title:
        `Remove ENV ${decl.name} from the image (provide it at run time as ${mountPath}/${decl.name})` +
        (mounted.length > 0 ? `; RUN on ${stepLines(ctx, mounted)} gets it as a BuildKit secret (docker build ${buildOptionFor(decl.name)})` : '') +
        (directiveAdded ? '; adds # syntax=docker/dockerfile:1 (RUN --mount env= needs syntax 1.10+)' : ''),
      caveat: `containers no longer get ${decl.name} from the image: give it to them at run time as a secret file (${mountPath}/${decl.name}; Compose secrets, a Kubernetes Secret volume)${mounted.length > 0 ? ` and build with docker build ${buildOptionFor(decl.name)}` : ''}`,
      note: `# ${decl.name}: not in the image; provided at run time as a secret file (${mountPath}/${decl.name})`,
    }));
  },
};
