// Everything the CLI prints goes through here, to file descriptors 1 and 2 with writeSync.
// process.stdout and process.stderr are streams Node builds on first use (for a pipe, a socket and
// the stream machinery: ~3 ms of every start, more than decoding a token); one synchronous write
// per message keeps the order a user sees, on every platform.
import { fstatSync, writeSync } from 'node:fs';

type Fd = 1 | 2;

/** Descriptors whose writes would block: from then on their stream takes the rest, in order. */
const streamed = new Set<Fd>();

export function writeOut(text: string): void {
  write(1, text);
}

export function writeErr(text: string): void {
  write(2, text);
}

/**
 * `authkit decode ... | head` closes the pipe early: that is the reader's choice, not a crash, so
 * the run ends with the exit status it had.
 */
function readerGone(): never {
  process.exit(process.exitCode ?? 0);
}

function streamOf(fd: Fd): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (!streamed.has(fd)) {
    streamed.add(fd);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      readerGone();
    });
  }
  return stream;
}

function write(fd: Fd, text: string): void {
  if (streamed.has(fd)) {
    streamOf(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') readerGone();
      // A non-blocking pipe that is full (the parent set O_NONBLOCK): the stream waits for it.
      if (code === 'EAGAIN') {
        streamOf(fd).write(bytes.subarray(offset));
        return;
      }
      throw error;
    }
  }
}

/** Whether the descriptor is a terminal; only a character device is asked (tty loads net). */
export function isTerminal(fd: 0 | Fd): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}
