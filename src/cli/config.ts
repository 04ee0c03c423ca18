import { type LoadedConfig, loadConfig } from '../config/load.js';
import { type OptionSpecs, type OptionValues, optionsOf } from '../findings/domain.js';
import type { GlobalOptions } from './run.js';

/**
 * The run's config (`--config`, else the nearest authkit.config.json), validated against the
 * registry: the CLI is where the registry is handed down, so config code never imports it. The
 * registry loads only when there is a file to check.
 */
export function runConfig(globals: Pick<GlobalOptions, 'cwd' | 'config'>): Promise<LoadedConfig> {
  return loadConfig({ cwd: globals.cwd, explicitPath: globals.config, knowledge: async () => (await import('../rules/index.js')).configKnowledge() });
}

/** One domain's section of the run's config, typed by its descriptor, and the folder its paths are relative to. */
export async function domainConfig<S extends OptionSpecs>(globals: Pick<GlobalOptions, 'cwd' | 'config'>, domain: { name: string; options?: S }): Promise<{ options: OptionValues<S>; dir: string }> {
  const loaded = await runConfig(globals);
  return { options: optionsOf(loaded, domain), dir: loaded.dir };
}
