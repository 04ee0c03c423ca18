import { readFile, stat } from 'node:fs/promises';

export type InputFailureKind = 'missing' | 'directory' | 'permission' | 'binary' | 'too-large' | 'encoding' | 'loop' | 'empty' | 'io';

/** A reason an input cannot be used; the CLI turns it into a one-line message and exit 2. */
export class InputFailure extends Error {
  constructor(
    readonly file: string,
    readonly kind: InputFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text from bytes: BOM dropped, NUL bytes mean binary, malformed UTF-8 is refused by name. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.includes(0)) throw new InputFailure(file, 'binary', 'binary file (contains NUL bytes)');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new InputFailure(file, 'encoding', 'not valid UTF-8 text');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function failureFromError(file: string, error: unknown): InputFailure {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new InputFailure(file, 'missing', 'no such file or directory');
    case 'EISDIR':
      return new InputFailure(file, 'directory', 'is a directory, expected a file');
    case 'EACCES':
    case 'EPERM':
      return new InputFailure(file, 'permission', 'permission denied');
    case 'ELOOP':
      return new InputFailure(file, 'loop', 'too many levels of symbolic links (a symlink loop)');
    default:
      return new InputFailure(file, 'io', `cannot read (${code ?? (error as Error).message})`);
  }
}

/** Reads a text file with a size limit; every failure is an InputFailure naming the file. */
export async function readTextFile(path: string, options: { display?: string; maxBytes?: number } = {}): Promise<string> {
  const display = options.display ?? path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputFailure(display, 'directory', 'is a directory, expected a file');
    if (info.size > maxBytes) {
      throw new InputFailure(display, 'too-large', `file is ${formatBytes(info.size)}, over the ${formatBytes(maxBytes)} limit`);
    }
    return decodeText(await readFile(path), display);
  } catch (error) {
    if (error instanceof InputFailure) throw error;
    throw failureFromError(display, error);
  }
}

/** All of stdin, as text. An empty or closed stdin gives ''. */
export async function readStdinText(maxBytes = DEFAULT_MAX_FILE_BYTES * 5): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new InputFailure('-', 'too-large', `standard input is over the ${formatBytes(maxBytes)} limit`);
    chunks.push(chunk as Buffer);
  }
  return decodeText(Buffer.concat(chunks), '-');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export { failureFromError };
