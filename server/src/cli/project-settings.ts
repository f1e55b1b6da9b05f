// The settings each scanned file is analysed with: the defaults, then its project config file (the
// nearest .secret-hints.yaml, or --config), then the command line, which wins over the file.
import * as path from 'node:path';
import { defaultSettings, type EngineSettings } from '../engine/settings';
import { describeProblems, ProjectConfigs } from '../project-configs';
import type { ScanOptions } from './args';
import { printable } from './format-text';

export function projectConfigs(options: Pick<ScanOptions, 'config' | 'noConfig'>): ProjectConfigs {
  return new ProjectConfigs({ explicit: options.config, disabled: options.noConfig });
}

/** `file:line:column: message` lines for every invalid config met so far (the scan then stops, exit code 2). */
export async function configErrors(configs: ProjectConfigs): Promise<string[]> {
  const invalid = await configs.invalid();
  return invalid.flatMap((c) => describeProblems(c, shownPath(c.file)).map(printable));
}

/** Each file's settings, computed once per distinct combination of config, overrides and options. */
export async function settingsByFile(
  files: readonly string[],
  configs: ProjectConfigs,
  options: Pick<ScanOptions, 'mountPath' | 'appsReadFiles' | 'rules'>,
): Promise<(file: string) => EngineSettings> {
  const base = defaultSettings();
  const withOptions = new Map<EngineSettings, EngineSettings>();
  const byFile = new Map<string, EngineSettings>();
  for (const file of files) {
    const fromConfig = configs.settingsFor(base, await configs.forFile(file));
    let settings = withOptions.get(fromConfig);
    if (!settings) withOptions.set(fromConfig, (settings = commandLine(fromConfig, options)));
    byFile.set(file, settings);
  }
  const fallback = commandLine(base, options);
  return (file) => byFile.get(file) ?? fallback;
}

/** The command line over the config: --mount-path, --apps-read-files, and --rule runs a rule the file turned off. */
function commandLine(settings: EngineSettings, options: Pick<ScanOptions, 'mountPath' | 'appsReadFiles' | 'rules'>): EngineSettings {
  const out: EngineSettings = { ...settings, rules: { ...settings.rules } };
  if (options.mountPath) out.mountPath = options.mountPath.replace(/\/+$/, '') || '/';
  if (options.appsReadFiles) out.appsReadSecretFiles = true;
  for (const id of options.rules ?? []) if (out.rules[id] === 'off') delete out.rules[id];
  return out;
}

function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}
