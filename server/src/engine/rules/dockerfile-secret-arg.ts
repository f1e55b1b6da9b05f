// dockerfile-secret-arg: a secret passed as a build argument. Every RUN step in the argument's scope
// runs with it in its environment, and the image history records it (`docker history` shows
// `|1 NPM_TOKEN=… /bin/sh -c …`); BuildKit secrets are mounted for one step and never recorded.
import { buildOptionFor } from '../docker/dockerfile/secret-mount-fix';
import { declarationFinding, declarationOf, describeReason, moveToBuildSecret, secretDeclarations, stepLines } from '../docker/dockerfile/declaration-findings';
import { runsInScope } from '../docker/dockerfile/model';
import type { DockerfileRule } from '../rule';

const ID = 'dockerfile-secret-arg';

export const dockerfileSecretArg: DockerfileRule = {
  id: ID,
  target: 'dockerfile',
  summary: 'A secret is passed to RUN steps as a build argument, which the image history records.',
  explanation:
    'Build arguments are recorded in the image history of every RUN step that runs with them (`docker history --no-trunc`), and ' +
    'they end up in build logs and caches. Pass the secret as a BuildKit secret instead: `RUN --mount=type=secret,id=…,env=NAME` ' +
    'gives the step the value without writing it anywhere, and the build provides it with `docker build --secret id=…,env=NAME` ' +
    '(Compose: `build.secrets`).',
  defaultSeverity: 'warning',
  flags: '`ARG` with a secret name (or a credential-shaped default) that RUN steps run with',
  preferredFix: 'BuildKit secret mount',
  detect(ctx, env) {
    return secretDeclarations(ctx, 'ARG', env)
      .filter((found) => found.inScope.length > 0)
      .map((found) => {
        const used = found.referencing.length > 0 ? found.referencing : found.inScope;
        const how = found.referencing.length > 0 ? 'used by RUN' : 'in the environment of RUN';
        return declarationFinding(
          ctx,
          found,
          `Build argument ${found.decl.name} is a secret (${describeReason(found.reason)}) ${how} on ${stepLines(ctx, used)}: the image history records it. Pass it as a BuildKit secret (RUN --mount=type=secret) instead.`,
        );
      });
  },
  fixes(ctx, finding, env) {
    const decl = declarationOf(ctx, finding);
    const found = decl && secretDeclarations(ctx, 'ARG', env).find((d) => d.decl === decl);
    if (!decl || !found) return [];
    // A step that does not name the variable may still read it (npm reads NPM_TOKEN through .npmrc):
    // with no step naming it, every step that ran with it gets it, as before.
    const runs = found.referencing.length > 0 ? found.referencing : runsInScope(ctx, decl);
    const option = buildOptionFor(decl.name);
    const dropped = decl.value !== null ? '; its default value is dropped' : '';
    return moveToBuildSecret(ctx, finding, decl, runs, (mounted, directiveAdded) => ({
      title:
        (mounted.length > 0
          ? `Pass ${decl.name} to RUN on ${stepLines(ctx, mounted)} as a BuildKit secret`
          : `Remove ARG ${decl.name} (its steps mount it as a secret already)`) +
        `; build with: docker build ${option}` +
        (directiveAdded ? ' (adds # syntax=docker/dockerfile:1: RUN --mount env= needs syntax 1.10+)' : ''),
      caveat: `the build must provide the secret instead of the build argument: docker build ${option} (Compose: build.secrets)${dropped}`,
    }));
  },
};
