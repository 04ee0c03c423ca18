// `authkit ui --no-open` as a user runs it: the built CLI in its own process, the URL read from
// its output, stopped with SIGINT as Ctrl-C would.
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN, ROOT } from '../helpers/cli.js';

export interface Served {
  url: string;
  child: ChildProcess;
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

export function serveUi(): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'ui', '--no-open'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const closed = new Promise<number | null>((done) => child.on('close', done));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      const url = /http:\/\/127\.0\.0\.1:\d+\/[A-Za-z0-9_-]+\//.exec(stdout)?.[0];
      if (url)
        resolve({
          url,
          child,
          stop: async () => {
            child.kill('SIGINT');
            const code = await closed;
            return { code, stdout, stderr };
          },
        });
    });
    child.on('error', reject);
    void closed.then((code) => reject(new Error(`authkit ui exited (${code}) before printing a URL: ${stderr}`)));
  });
}
