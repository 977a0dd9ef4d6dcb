// Benchmark helper (bundled by scripts/bench.mjs to out/bench/engine.js): engine cost per rule.
// Usage: node --expose-gc out/bench/engine.js <runs> <file>… → one JSON object on stdout.
// Wall and CPU time (process.cpuUsage: user + system, GC threads included) are both kept:
// on a shared machine the CPU time is the steadier figure.
// Each rule runs alone (`lint(text, { onlyRules: [id] })`) over every file; a run with no rule
// at all (`onlyRules: []`: document model, masking, finalize) is the engine's fixed overhead,
// subtracted to give each rule's own cost. The segmenter is loaded first, its time excluded.
import { readFileSync } from 'node:fs';
import { applyFixes, lint, loadSegmenter, RULES } from '../../rules/index.js';

const [runsArg, ...files] = process.argv.slice(2);
const runs = Number(runsArg);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const segmenterLoadMs = loadSegmenter();

/** Milliseconds to lint every text with `onlyRules` (undefined: all rules); also the finding count. */
function pass(onlyRules: string[] | undefined, subset: readonly string[] = texts): { ms: number; cpuMs: number; findings: number } {
  gc();
  let findings = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const text of subset) findings += lint(text, onlyRules ? { onlyRules } : {}).length;
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, findings };
}

const ids = RULES.map((r) => r.meta.id);
const variants: { key: string; only: string[] | undefined }[] = [
  { key: '(all rules)', only: undefined },
  { key: '(no rule: overhead)', only: [] },
  ...ids.map((id) => ({ key: id, only: [id] })),
];

// Warm-up: every variant once over the first file (JIT, lazy tables, dictionaries).
const warmupStarted = performance.now();
for (const v of variants) pass(v.only, texts.slice(0, 1));
const warmupMs = performance.now() - warmupStarted;

const samples = new Map<string, number[]>(variants.map((v) => [v.key, []]));
const cpuSamples = new Map<string, number[]>(variants.map((v) => [v.key, []]));
const findings = new Map<string, number>();
for (let run = 0; run < runs; run++) {
  for (const v of variants) {
    const result = pass(v.only);
    samples.get(v.key)!.push(result.ms);
    cpuSamples.get(v.key)!.push(result.cpuMs);
    findings.set(v.key, result.findings);
  }
}

/** applyFixes on a draft with `n` half-width commas to widen: median ms of 5, and the edits applied. */
function timeApplyFixes(n: number): { ms: number; edits: number } {
  const text = '我们, 建设。\n'.repeat(n);
  const found = lint(text, { onlyRules: ['punctuation-width'] });
  const times: number[] = [];
  let edits = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const result = applyFixes(text, found);
    times.push(performance.now() - started);
    edits = result.applied.length;
  }
  return { ms: times.sort((a, b) => a - b)[2]!, edits };
}
const fixes30k = timeApplyFixes(30_000);
const fixes60k = timeApplyFixes(60_000);

process.stdout.write(
  JSON.stringify({
    applyFixes: { ms30k: fixes30k.ms, edits30k: fixes30k.edits, ms60k: fixes60k.ms },
    segmenterLoadMs,
    warmupMs,
    files: files.length,
    chars: texts.reduce((n, t) => n + t.length, 0),
    rules: RULES.map((r) => ({ id: r.meta.id, needsSegmenter: !!r.meta.needsSegmenter, scope: r.meta.scope ?? 'document' })),
    samples: Object.fromEntries(samples),
    cpuSamples: Object.fromEntries(cpuSamples),
    findings: Object.fromEntries(findings),
  }),
);
