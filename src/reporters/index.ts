import type { CommandResult, RenderContext } from '../findings/model.js';
import { renderGithub } from './github.js';
import { jsonChunks, renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderStylish, stylishChunks } from './stylish.js';
import type { Format } from './formats.js';

export type { Format } from './formats.js';

export const REPORTERS: Record<Format, (result: CommandResult, ctx: RenderContext) => string> = {
  stylish: renderStylish,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
};

/** The reports that can be large, in pieces written as they are made; the others come whole. */
export function reportChunks(format: Format, result: CommandResult, ctx: RenderContext): Iterable<string> {
  if (format === 'json') return jsonChunks(result, ctx);
  if (format === 'stylish') return stylishChunks(result, ctx);
  return [REPORTERS[format](result, ctx)];
}
