// Linting many files on more than one core. The main thread keeps reading, reporting and
// writing in input order; worker threads (the CLI's own script, started with WORKER_DATA) take
// some texts off it. A worker starts in the background and takes jobs only once it has loaded,
// so a small run finishes on the main thread before any worker is ready, and costs nothing.
import { Worker } from 'node:worker_threads';
import { processText, type ProcessedText, type TextJob } from './process-text.js';

/** Marks a worker thread started by LintPool (see cli-main.ts). */
export const WORKER_DATA = { speechlintLintWorker: 1 } as const;

export function isLintWorkerData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>).speechlintLintWorker === 1;
}

type Reply = { id: number; ok: true; value: ProcessedText } | { id: number; ok: false; message: string };

/** A job's outcome from a worker: its result, the error it threw, or undefined when the worker died (run it here). */
export type WorkerOutcome = { ok: true; value: ProcessedText } | { ok: false; message: string } | undefined;

interface PoolWorker {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  pending?: { id: number; resolve: (outcome: WorkerOutcome) => void };
}

export class LintPool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  /** Callers of run() waiting for a worker to load, finish or die. */
  private waiting: (() => void)[] = [];

  private wake(): void {
    for (const resume of this.waiting.splice(0)) resume();
  }

  /** Starts `count` workers running `script` (they load in the background). */
  constructor(script: string, count: number) {
    for (let i = 0; i < count; i++) this.workers.push(this.spawn(script));
  }

  private spawn(script: string): PoolWorker {
    const worker = new Worker(script, { workerData: WORKER_DATA, stdout: true, stderr: true });
    const entry: PoolWorker = { worker, ready: false, dead: false };
    worker.unref();
    const die = () => {
      entry.dead = true;
      entry.pending?.resolve(undefined);
      entry.pending = undefined;
      this.wake();
    };
    worker.on('message', (message: Reply | 'ready') => {
      if (message === 'ready') {
        entry.ready = true;
        this.wake();
        return;
      }
      const pending = entry.pending;
      if (!pending || pending.id !== message.id) return;
      entry.pending = undefined;
      pending.resolve(message.ok ? { ok: true, value: message.value } : { ok: false, message: message.message });
      this.wake();
    });
    worker.on('error', die);
    worker.on('exit', die);
    return entry;
  }

  get size(): number {
    return this.workers.length;
  }

  /** Hands `job` to an idle, loaded worker; undefined when none is free (run it on this thread). */
  tryRun(job: TextJob): Promise<WorkerOutcome> | undefined {
    const entry = this.workers.find((w) => w.ready && !w.dead && !w.pending);
    if (!entry) return undefined;
    const id = this.nextId++;
    return new Promise((resolve) => {
      entry.pending = { id, resolve };
      entry.worker.postMessage({ id, job });
    });
  }

  /** Runs `job` on the first worker to be free, waiting for one to load if need be (undefined if all died). */
  async run(job: TextJob): Promise<WorkerOutcome> {
    for (;;) {
      if (this.workers.every((w) => w.dead)) return undefined;
      const running = this.tryRun(job);
      if (running) return running;
      await new Promise<void>((resume) => this.waiting.push(resume));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate().catch(() => undefined)));
  }
}

/** The worker thread's side: answer each job with processText's result, or the error it threw. */
export function serveLintJobs(port: { on(event: 'message', listener: (message: { id: number; job: TextJob }) => void): unknown; postMessage(message: Reply | 'ready'): void }): void {
  port.on('message', ({ id, job }) => {
    let reply: Reply;
    try {
      reply = { id, ok: true, value: processText(job) };
    } catch (error) {
      reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage('ready');
}
