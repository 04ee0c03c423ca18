import type { CommandResult, RenderContext } from '../findings/model.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderStylish } from './stylish.js';
import type { Format } from './formats.js';

export type { Format } from './formats.js';

export const REPORTERS: Record<Format, (result: CommandResult, ctx: RenderContext) => string> = {
  stylish: renderStylish,
  json: renderJson,
  sarif: renderSarif,
  github: renderGithub,
};
