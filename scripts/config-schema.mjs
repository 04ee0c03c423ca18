// Writes schema/authkit.config.schema.json from the registry (via the built CLI's `rules --json`):
// the rule-id pattern from the domains' names, one section per domain with options, each option's
// JSON Schema from its kind (src/findings/domain.ts), so the schema says what src/config/validate.ts
// accepts. `--check` exits 1 when the file is stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { domains } = JSON.parse(execFileSync(process.execPath, [`${root}bin/authkit.js`, 'rules', '--json'], { encoding: 'utf8' }));
const DURATION_UNITS = '(units s, m, h, d, w)';

function optionSchema(spec) {
  const flag = spec.flag ? ` Same as ${spec.flag}.` : '';
  switch (spec.kind) {
    case 'duration':
      return {
        description: `${spec.description}: seconds, or a duration such as ${spec.example.replace(' or ', ', ')} ${DURATION_UNITS}.${flag}`,
        oneOf: [
          { type: 'integer', minimum: 1 },
          { type: 'string', pattern: '^[1-9][0-9]*[smhdw]$' },
        ],
      };
    case 'integer':
      return { description: `${spec.description}, in ${spec.unit}.${flag}`, type: 'integer', minimum: 1, maximum: spec.max };
    case 'choice':
      return { description: `${spec.description}.${flag}`, enum: spec.values };
    case 'names':
      return { description: `${spec.description}.${flag}`, type: 'array', items: { type: 'string', pattern: '^[^/\\s]+$' } };
    case 'paths':
      return {
        description: `${spec.description}.${flag}`,
        oneOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        ],
      };
    default:
      throw new Error(`config-schema: unknown option kind ${spec.kind}`);
  }
}

const sections = Object.fromEntries(
  domains
    .filter((d) => Object.keys(d.options).length > 0)
    .map((d) => [d.name, { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.entries(d.options).map(([key, spec]) => [key, optionSchema(spec)])) }]),
);

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://unpkg.com/authkit-cli/schema/authkit.config.schema.json',
  title: 'authkit.config.json',
  description: 'Configuration for authkit: rule severities, ignored paths and per-domain options. Found upward from the working directory, or given with --config.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'Path or URL of this schema, for editors (e.g. ./node_modules/authkit-cli/schema/authkit.config.schema.json).' },
    rules: {
      type: 'object',
      description: 'Severity per rule id (see `authkit rules`): "off" drops the rule\'s findings.',
      propertyNames: { pattern: `^(${domains.map((d) => d.name).join('|')})/[a-z0-9]+(-[a-z0-9]+)*$` },
      additionalProperties: { enum: ['off', 'info', 'warning', 'error', 'warn', 0, 1, 2] },
    },
    ignore: {
      type: 'array',
      description: "Paths no command reports on, in .gitignore syntax, relative to this file's folder.",
      items: { type: 'string', minLength: 1, pattern: '\\S' },
    },
    ...sections,
  },
};

const path = `${root}schema/authkit.config.schema.json`;
const text = `${JSON.stringify(schema, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(path, 'utf8') !== text) {
    console.error('schema/authkit.config.schema.json is stale: run `node scripts/config-schema.mjs`');
    process.exit(1);
  }
} else writeFileSync(path, text);
