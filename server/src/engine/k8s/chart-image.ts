// The image a Helm template's `image:` renders with the chart's default values (values.yaml), so the
// image catalogue can tell whether it reads `*_FILE` variables. Charts write the image as
// `"{{ .Values.image.repository }}:{{ .Values.image.tag }}"`, or through a helper
// (`{{ template "redis.image" . }}`, `{{ include "common.images.image" (dict "imageRoot" .Values.image …) }}`)
// that assembles `registry/repository:tag` from an `image:` map. Only values are read, never templates run.

/** An `image:` map of values.yaml (Bitnami and most charts), as `registry/repository:tag`. */
function imageFromMap(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const map = value as Record<string, unknown>;
  const repository = typeof map.repository === 'string' ? map.repository : undefined;
  if (!repository) return undefined;
  const registry = typeof map.registry === 'string' && map.registry !== '' ? `${map.registry}/` : '';
  const tag = typeof map.tag === 'string' || typeof map.tag === 'number' ? `:${map.tag}` : '';
  return `${registry}${repository}${tag}`;
}

function lookup(values: unknown, path: string): unknown {
  let current = values;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const ACTION = /\{\{-?([\s\S]*?)-?\}\}/g;
const VALUES_PATH = /\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/;

/**
 * The image `text` (the `image:` value as written, quotes included or not) renders with `values`, or
 * undefined when it cannot be told. Every action must resolve to a string (or, as the whole value, to
 * an `image:` map); an action without a `.Values` path is taken as the chart's own `image:` map only when
 * it is the whole value (a helper such as `{{ template "x.image" . }}`).
 */
export function chartImage(text: string, values: unknown): string | undefined {
  const unquoted = text.trim().replace(/^(["'])(.*)\1$/s, '$2');
  const actions = [...unquoted.matchAll(ACTION)];
  if (actions.length === 0) return undefined;
  const whole = actions.length === 1 && actions[0][0] === unquoted;
  let failed = false;
  const rendered = unquoted.replace(ACTION, (_, inner: string) => {
    const path = VALUES_PATH.exec(inner)?.[1];
    const value = path === undefined ? (whole ? lookup(values, 'image') : undefined) : lookup(values, path);
    const asText = typeof value === 'string' || typeof value === 'number' ? String(value) : whole ? imageFromMap(value) : undefined;
    // `| default .Chart.AppVersion` and the like: an empty value would render the default, unknown here.
    if (asText === undefined || asText === '') failed = true;
    return asText ?? '';
  });
  return failed ? undefined : rendered;
}

/** `<chart>/values.yaml` for a template at `<chart>/templates/…`, or undefined for other paths. */
export function chartValuesPath(templatePath: string): string | undefined {
  const parts = templatePath.split(/[\\/]/);
  const at = parts.lastIndexOf('templates');
  if (at < 1) return undefined;
  return [...parts.slice(0, at), 'values.yaml'].join(templatePath.includes('\\') && !templatePath.includes('/') ? '\\' : '/');
}
