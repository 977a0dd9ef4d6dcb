// The `speechlint` command: a few lines over run(), which tests call directly. The same script
// is the CLI's lint worker when started as one (lint-pool.ts).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isLintWorkerData, serveLintJobs } from './cli/lint-pool.js';
import { run } from './cli/run.js';

if (!isMainThread && parentPort && isLintWorkerData(workerData)) serveLintJobs(parentPort);
else main();

function main(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); // `speechlint … | head` is fine
    throw error;
  });

  run({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.stdin.isTTY === true,
    workerScript: __filename,
    readStdin: async (maxBytes) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
        if (maxBytes && total > maxBytes) break; // over --max-file-size: refused, so stop reading (and holding) it
      }
      process.stdin.destroy();
      return Buffer.concat(chunks);
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`speechlint: 内部错误 / internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
