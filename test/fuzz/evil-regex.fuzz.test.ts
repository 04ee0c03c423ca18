import { defineEvilRegex } from '../reliability/evil-regex.js';

defineEvilRegex(200, { budgetMs: 100, concurrency: 2 });
