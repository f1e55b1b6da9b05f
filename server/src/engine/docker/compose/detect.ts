// Whether a YAML file not named like one (compose.yaml, docker-compose*.yml) is a Compose file, from
// its text: a top-level `services:` map whose services say `image:` or `build:`, and no Kubernetes
// `apiVersion` and `kind` at the top. GitLab CI's top-level `services:` is a list, a Helm chart's
// values rarely give a service an image or a build; both stay what they were.

const SERVICES_MAP = /^services:[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]+[^\s#-][^:\n]*:[ \t]*(?:#.*)?\r?\n/m;
const SERVICE_KEY = /^[ \t]+(?:image|build):/m;
/** The next top-level key: where the `services:` block ends. */
const TOP_LEVEL_KEY = /^[^\s#-][^:\n]*:/m;

export function looksLikeCompose(text: string): boolean {
  if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) return false;
  const services = SERVICES_MAP.exec(text);
  if (!services) return false;
  // The `image:` / `build:` must be a service's, inside the `services:` block.
  const rest = text.slice(services.index + services[0].length);
  const next = TOP_LEVEL_KEY.exec(rest);
  return SERVICE_KEY.test(next ? rest.slice(0, next.index) : rest);
}
