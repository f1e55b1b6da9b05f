// Whether a YAML file not named like one (compose.yaml, docker-compose*.yml) is a Compose file, from
// its text: a top-level `services:` map whose services say `image:` or `build:`, and no Kubernetes
// `apiVersion` and `kind` at the top. GitLab CI's top-level `services:` is a list, a Helm chart's
// values rarely give a service an image or a build; both stay what they were.

const SERVICES_MAP = /^services:[ \t]*(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]+[^\s#-][^:\n]*:[ \t]*(?:#.*)?\r?\n/m;
const SERVICE_KEY = /^[ \t]+(?:image|build):/m;

export function looksLikeCompose(text: string): boolean {
  if (/^apiVersion:/m.test(text) && /^kind:/m.test(text)) return false;
  return SERVICES_MAP.test(text) && SERVICE_KEY.test(text);
}
