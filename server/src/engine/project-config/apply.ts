// How a project config's settings combine with the settings they apply on top of (the editor's, or the
// defaults in the CLI): a rule's severity and a single value are replaced; name patterns are added.
import type { EngineSettings } from '../settings';
import type { PartialSettings } from './parse';

/** `base` with each layer applied in order (the file's top level, then its matching overrides). */
export function withConfig(base: EngineSettings, layers: readonly PartialSettings[]): EngineSettings {
  if (layers.length === 0) return base;
  const out: EngineSettings = { ...base, rules: { ...base.rules }, secretNames: { extra: [...base.secretNames.extra], ignore: [...base.secretNames.ignore] } };
  for (const layer of layers) {
    Object.assign(out.rules, layer.rules);
    out.secretNames.extra.push(...(layer.secretNames?.extra ?? []));
    out.secretNames.ignore.push(...(layer.secretNames?.ignore ?? []));
    if (layer.mountPath !== undefined) out.mountPath = layer.mountPath.replace(/\/+$/, '') || '/';
    if (layer.appsReadSecretFiles !== undefined) out.appsReadSecretFiles = layer.appsReadSecretFiles;
    if (layer.maxFileSizeKb !== undefined) out.maxFileSizeKb = layer.maxFileSizeKb;
  }
  return out;
}
