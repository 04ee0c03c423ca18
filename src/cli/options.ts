// Option parsers shared by the subcommands (commander calls them once per occurrence).
import { InvalidArgumentError } from 'commander';

/** A repeatable option: `--claim a=1 --claim b=2` gives ['a=1', 'b=2']. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A repeatable, comma-separated option: `--iss a,b --iss c` gives ['a', 'b', 'c']. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}

/** `--budget 100`: a whole number from 1 to `max`, else a one-line usage error naming the option. */
export function positiveInteger(name: string, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `${name} must be a positive integer` : `${name} must be a whole number from 1 to ${max}`);
    }
    return n;
  };
}
