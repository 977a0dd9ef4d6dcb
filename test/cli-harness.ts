// Shared by the CLI tests: run() in-process with captured output, in a temporary folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import type { CliFs } from '../server/cli/file-access.js';
import { run } from '../server/cli/run.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd?: string;
  /** Piped standard input; absent means a terminal. */
  stdin?: string | Buffer;
  /** Replaces the standard-input reader (gets the byte limit). */
  readStdin?: (maxBytes?: number) => Promise<Buffer>;
  env?: Record<string, string>;
  fs?: CliFs;
  /** Lint workers from this script (dist/cli.js), every job on a worker: see CliIO.workersOnly. */
  workerScript?: string;
}

export interface CliHarness {
  /** The temporary folder (removed after the file's tests); the default working folder. */
  work: string;
  cli(argv: string[], options?: CliRunOptions): Promise<Ran>;
  /** Writes `content` to `name` below the work folder, creating folders; returns the path. */
  fixture(name: string, content: string | Buffer): string;
}

export function cliHarness(prefix: string): CliHarness {
  const work = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(work, { recursive: true, force: true }));

  async function cli(argv: string[], options: CliRunOptions = {}): Promise<Ran> {
    let stdout = '';
    let stderr = '';
    const readStdin = options.readStdin ?? (options.stdin !== undefined ? async () => Buffer.from(options.stdin!) : undefined);
    const code = await run({
      argv,
      cwd: options.cwd ?? work,
      env: options.env ?? {},
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdinIsTTY: readStdin === undefined,
      ...(readStdin ? { readStdin } : {}),
      ...(options.fs ? { fs: options.fs } : {}),
      ...(options.workerScript ? { workerScript: options.workerScript, workersOnly: true } : {}),
    });
    return { code, stdout, stderr };
  }

  function fixture(name: string, content: string | Buffer): string {
    const path = join(work, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  }

  return { work, cli, fixture };
}
