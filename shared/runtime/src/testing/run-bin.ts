import { spawn } from 'node:child_process';

export interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a built bin to its exit (stdin open but silent: for --help, bad config, refused starts) and
 * returns its exit code and output. Killed after `timeoutMs`, so a bin that keeps serving fails the
 * test instead of hanging it.
 */
export function runBin(
  bin: string,
  args: string[] = [],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<BinRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
