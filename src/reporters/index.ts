import type { CommandResult, RenderContext } from '../findings/model.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export const REPORTERS: Record<Format, (result: CommandResult, ctx: RenderContext) => string> = {
  stylish: renderStylish,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
};
