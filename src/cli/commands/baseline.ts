import { plural } from '../../findings/model.js';
import type { Command } from 'commander';
import { runAction } from '../run.js';

interface BaselineOptions {
  output: string;
  includeVendored?: boolean;
}

export function registerBaseline(program: Command): void {
  program
    .command('baseline [paths...]')
    .description('record current findings so that only new ones are reported')
    .option('-o, --output <file>', 'where to write the baseline', 'authkit-baseline.json')
    .option('--include-vendored', 'also record findings in vendored and minified files (as scan --include-vendored reads them)')
    .addHelpText(
      'after',
      `
Runs the same checks as \`authkit scan\` and writes the fingerprint of every finding. The file
holds hashes only (of the rule, the repository-relative path and the finding's source line), never
source text or tokens; fingerprints survive code moving to other lines. Commit it, then run
\`authkit scan --baseline authkit-baseline.json\` to see only what is new.

Examples:
  $ authkit baseline                                   record every finding in this folder
  $ authkit baseline src -o .authkit/baseline.json
  $ authkit scan --baseline authkit-baseline.json      only new findings fail the build`,
    )
    .action(async (paths: string[], options: BaselineOptions, cmd: Command) => {
      await runAction(cmd, async (globals) => {
        const { vendoredSummary } = await import('../../files/vendored.js');
        const [{ runScan }, { runConfig }, { finalizeResult }, { domainOf }, { serializeBaseline }, { writeFile }, { resolve }, { VERSION }] = await Promise.all([
          import('./scan.js'),
          import('../config.js'),
          import('../../findings/pipeline.js'),
          import('../../rules/index.js'),
          import('../../findings/baseline.js'),
          import('node:fs/promises'),
          import('node:path'),
          import('../version.js'),
        ]);
        const scanned = await runScan(paths, { includeVendored: Boolean(options.includeVendored) }, globals, 'baseline');
        const config = await runConfig(globals);
        // What `scan` would report, fingerprinted: the same pipeline, without a baseline to filter by.
        const recorded = (await finalizeResult(scanned, { cwd: globals.cwd, config, ownerOf: domainOf })).findings;
        // A baseline written from a run that could not read everything would hide those files' findings later.
        if (scanned.errors.length === 0) await writeFile(resolve(globals.cwd, options.output), serializeBaseline(recorded, VERSION));
        const counts = { error: 0, warning: 0, info: 0 };
        for (const f of recorded) counts[f.severity]++;
        // The files the findings are in, not the files scanned: "17 findings in 4 files" read as spread out.
        const withFindings = new Set(recorded.map((f) => f.file)).size;
        return {
          command: 'baseline',
          findings: [],
          errors: scanned.errors,
          rules: scanned.rules,
          inputs: scanned.inputs,
          ...(scanned.vendored ? { vendored: scanned.vendored } : {}),
          // What the scan could not check (no known-secrets list, search caps) holds for the baseline too.
          ...(scanned.notes ? { notes: scanned.notes } : {}),
          json: { baseline: { file: options.output, written: scanned.errors.length === 0, recorded: recorded.length, ...counts, files: withFindings, scanned: scanned.inputs ?? 0 } },
          text: () =>
            scanned.errors.length > 0
              ? `${options.output} not written: some inputs could not be read`
              : `Wrote ${options.output}: ${plural(recorded.length, 'finding')} recorded (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${plural(withFindings, 'file')} (${plural(scanned.inputs ?? 0, 'file')} scanned)${scanned.vendored ? `; ${vendoredSummary(scanned.vendored)}` : ''}`,
        };
      });
    });
}
