// src/jwt loads node:crypto lazily through process.getBuiltinModule; in the page that is the
// JavaScript hashing of crypto.ts and nothing else.
import { createHash, hash } from './crypto.js';

export const process = {
  getBuiltinModule(name: string) {
    if (name === 'node:crypto') return { createHash, hash };
    throw new Error(`the page has no ${name}`);
  },
};
