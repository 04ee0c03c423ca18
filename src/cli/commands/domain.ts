// The one builder of domain commands: a CommandSpec (src/findings/command.ts) becomes a commander
// command whose body runs under runAction, with the context the spec asks for.
import { type Command, Option } from 'commander';
import type { CommandContext, CommandOption, CommandSpec } from '../../findings/command.js';
import type { DomainDescriptor, OptionSpecs } from '../../findings/domain.js';
import { collect, collectList, positiveInteger } from '../options.js';
import { isTerminal, writeErr, writeOut } from '../output.js';
import { progressLine } from '../progress.js';
import { type GlobalOptions, runAction } from '../run.js';

function optionOf(spec: CommandOption): Option {
  const option = new Option(spec.flags, spec.description);
  const name = spec.flags.split(/[ ,]/)[0]!;
  switch (spec.kind) {
    case 'switch':
      return option;
    case 'text':
      return spec.default === undefined ? option : option.default(spec.default);
    case 'integer':
      option.argParser(positiveInteger(name, spec.max));
      return spec.default === undefined ? option : option.default(spec.default);
    case 'choice':
      return option.choices(spec.choices);
    case 'repeatable':
      return option.argParser(collect);
    case 'list':
      return option.argParser(collectList);
  }
}

function contextOf<Options>(command: Command, globals: GlobalOptions, domain: { name: string; options?: OptionSpecs }): CommandContext<Options> {
  // Asked only by the commands that need them: a terminal check can load node:tty, which a
  // decode of a token given as an argument never needed.
  let progress: CommandContext<Options>['progress'] | undefined;
  return {
    cwd: globals.cwd,
    format: globals.format,
    machine: globals.machine,
    get stdinIsTerminal() {
      return isTerminal(0);
    },
    config: async () => {
      const { domainConfig } = await import('../config.js');
      return (await domainConfig(globals, domain)) as { options: Options; dir: string };
    },
    given: (option) => command.getOptionValueSource(option) === 'cli',
    get progress() {
      progress ??= progressLine(globals);
      return progress;
    },
    print: (text, to = 'stdout') => (to === 'stdout' ? writeOut(text) : writeErr(text)),
  };
}

/** Adds `authkit <name>` as `spec` declares it, for the domain whose config section it reads. */
export function registerDomainCommand<S extends OptionSpecs>(program: Command, name: string, spec: CommandSpec<unknown>, domain: DomainDescriptor<S>): void {
  const command = program.command(name).description(spec.description);
  if (spec.argument) command.argument(spec.argument.usage, spec.argument.description);
  for (const option of spec.options) command.addOption(optionOf(option));
  command.addHelpText('after', `\n${spec.help}`);
  command.action(async (...received: unknown[]) => {
    // commander passes each declared argument (a string, or an array when variadic), the flags, then itself.
    const args = spec.argument ? ([received[0]].flat().filter((a) => a !== undefined) as string[]) : [];
    await runAction(command, (globals) => spec.run(args, command.opts(), contextOf(command, globals, domain)));
  });
}

/** Every command the domains declare, loaded: for help, completion, or the one being run. */
export async function domainCommands(domains: readonly DomainDescriptor[], only?: string): Promise<{ name: string; spec: CommandSpec<unknown>; domain: DomainDescriptor }[]> {
  const wanted = domains.flatMap((domain) => Object.entries(domain.commands ?? {}).flatMap(([name, load]) => (only === undefined || name === only ? [{ name, load, domain }] : [])));
  return Promise.all(wanted.map(async ({ name, load, domain }) => ({ name, spec: (await load()) as CommandSpec<unknown>, domain })));
}
