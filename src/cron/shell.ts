// The entry point of the shell analysis of a cron command: the exact scanner when it can read
// the command, else the real parser.
import type { ShellFacts } from './shell-facts.js';
import { scanSimpleCommand } from './shell-scan.js';
import { analyzeWithParser } from './shell-tree.js';

/**
 * Shell facts for one cron command. Commands made only of plain words, quotes, simple $NAME
 * expansions, pipes, && || ; and plain redirections (most cron lines) are read by a small exact
 * scanner; anything else goes to mvdan-sh. Both give the same facts (a property test checks it),
 * and the scanner spares the ~150 ms that loading mvdan-sh costs.
 */
export function analyzeCommand(command: string): ShellFacts {
  return scanSimpleCommand(command) ?? analyzeWithParser(command);
}
