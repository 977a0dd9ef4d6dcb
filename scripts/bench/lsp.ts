// Benchmark helper (bundled by scripts/bench.mjs to out/bench/lsp.js): the language server over
// a real stdio JSON-RPC connection (test/lsp-client.ts spawns `node dist/server.js --stdio`).
// Usage (cwd = project root): node out/bench/lsp.js <json options> → one JSON object on stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createIncrementalLinter, lint, loadSegmenter, RULES } from '../../rules/index.js';
import { LspTestClient } from '../../test/lsp-client.js';

interface Options {
  seeds: string[];
  tmpDir: string;
  coldRuns: number;
  editRuns: number;
  edits: number;
  warmupEdits: number;
  draftChars: number;
  /** Clock ticks per second of /proc/<pid>/stat times (getconf CLK_TCK). */
  clkTck: number;
}

const options = JSON.parse(process.argv[2]!) as Options;
const uriOf = (path: string) => pathToFileURL(path).href;

function procStatus(pid: number): { rssKb: number; hwmKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** CPU time (user + system) the process has used so far, in ms (in clock ticks, usually 10 ms). */
function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / options.clkTck;
}

function segmenterLogMs(client: LspTestClient): number | undefined {
  for (const line of client.log) {
    const m = /segmenter loaded in (\d+) ms/.exec(line);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/**
 * One cold start: spawn → initialize → open the first seed; times to its first
 * publishDiagnostics (the rules without segmentation) and to its 'ready' status (all rules).
 * Then opens the other seeds, waits until all are ready and reads the server's RSS.
 */
async function coldStart(): Promise<Record<string, number | undefined>> {
  const t0 = performance.now();
  const client = LspTestClient.start();
  try {
    await client.initialize(options.tmpDir);
    const tInit = performance.now();
    const [first, ...rest] = options.seeds;
    const uri = uriOf(first!);
    client.open(uri, readFileSync(first!, 'utf8'));
    const tOpen = performance.now();
    const firstDiagnostics = client.waitFor((e) => e.kind === 'diagnostics' && e.params.uri === uri).then((e) => ({ t: performance.now(), e }));
    const ready = client.ready(uri, 1).then((d) => ({ t: performance.now(), d }));
    const fd = await firstDiagnostics;
    const rd = await ready;
    const firstCount = fd.e.kind === 'diagnostics' ? fd.e.params.diagnostics.length : NaN;
    for (const path of rest) client.open(uriOf(path), readFileSync(path, 'utf8'));
    for (const path of rest) await client.ready(uriOf(path), 1);
    await new Promise((r) => setTimeout(r, 200)); // let the heap settle after the last lint
    const mem = procStatus(client.child.pid!);
    return {
      spawnToInitializedMs: tInit - t0,
      spawnToFirstDiagnosticsMs: fd.t - t0,
      openToFirstDiagnosticsMs: fd.t - tOpen,
      openToReadyMs: rd.t - tOpen,
      spawnToReadyMs: rd.t - t0,
      firstDiagnosticsCount: firstCount,
      readyDiagnosticsCount: rd.d.length,
      segmenterLoadInServerMs: segmenterLogMs(client),
      rssAllSeedsKb: mem.rssKb,
      hwmAllSeedsKb: mem.hwmKb,
    };
  } finally {
    await client.stop();
  }
}

/** A small deterministic PRNG (mulberry32), so every run makes the same edits. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const INSERTS = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料';

/** Offsets → LSP line/character (UTF-16), lines ended by \n, \r\n or \r. */
function position(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** The edit sequence: single-character inserts (60 %) and deletes (40 %) at varying places. */
function makeEdits(start: string, count: number, seed: number): Edit[] {
  const random = prng(seed);
  const edits: Edit[] = [];
  let text = start;
  while (edits.length < count) {
    const at = Math.floor(random() * text.length);
    const deleting = random() < 0.4;
    const c = text.charCodeAt(at);
    let edit: Edit;
    // Never split a surrogate pair or a \r\n.
    if (deleting && !(c >= 0xd800 && c <= 0xdfff) && c !== 13 && c !== 10) edit = { start: at, end: at + 1, text: '' };
    else if (!deleting && !(c >= 0xdc00 && c <= 0xdfff) && !(c === 10 && text.charCodeAt(at - 1) === 13)) edit = { start: at, end: at, text: INSERTS[Math.floor(random() * INSERTS.length)]! };
    else continue;
    edits.push(edit);
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  }
  return edits;
}

function draftText(): string {
  return options.seeds.map((p) => readFileSync(p, 'utf8')).join('\n').slice(0, options.draftChars);
}

/** speechlint.maxProblems left at its default, as editor users have it. */
const DEFAULT_MAX_PROBLEMS = 1000;

/** One server: opens the draft (debounce 0), warm-up edits, then the measured ones. */
async function editRun(run: number, draft: string, edits: Edit[]): Promise<{ diagnosticsMs: number[]; readyMs: number[]; initialReadyMs: number; diagnostics: number; serverCpuMsPerEdit: number; rssWithDraftKb: number; hwmWithDraftKb: number }> {
  const path = join(options.tmpDir, `draft-${run}.txt`);
  writeFileSync(path, draft);
  const uri = uriOf(path);
  const client = LspTestClient.start();
  client.settings = { debounce: 0 };
  try {
    await client.initialize(options.tmpDir);
    const t0 = performance.now();
    client.open(uri, draft);
    await client.ready(uri, 1);
    const initialReadyMs = performance.now() - t0;
    // The seeds open beside the draft (idle while it is edited): the memory figure is for all of them.
    for (const seed of options.seeds) client.open(uriOf(seed), readFileSync(seed, 'utf8'));
    for (const seed of options.seeds) await client.ready(uriOf(seed), 1);
    let text = draft;
    let version = 1;
    const diagnosticsMs: number[] = [];
    const readyMs: number[] = [];
    let diagnostics = 0;
    let cpuAtWarm = procCpuMs(client.child.pid!);
    for (const [i, edit] of edits.entries()) {
      if (i === options.warmupEdits) cpuAtWarm = procCpuMs(client.child.pid!);
      version++;
      const v = version;
      const range = { start: position(text, edit.start), end: position(text, edit.end) };
      text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
      const published = client.waitFor((e) => e.kind === 'diagnostics' && e.params.uri === uri && e.params.version === v).then(() => performance.now());
      const started = performance.now();
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: edit.text }] });
      const diagnosed = await client.ready(uri, v);
      const tReady = performance.now();
      const tDiagnostics = await published;
      if (i >= options.warmupEdits) {
        diagnosticsMs.push(tDiagnostics - started);
        readyMs.push(tReady - started);
      }
      diagnostics = diagnosed.length;
    }
    const serverCpuMsPerEdit = (procCpuMs(client.child.pid!) - cpuAtWarm) / options.edits;
    // The server's text must equal ours: check with a full lint in-process.
    const expected = lint(text).length;
    // The default speechlint.maxProblems (1000) caps what is published: 999 findings and a note counting the rest.
    const published = expected > DEFAULT_MAX_PROBLEMS ? DEFAULT_MAX_PROBLEMS : expected;
    if (published !== diagnostics) throw new Error(`server and bench disagree after the edits: ${diagnostics} diagnostics vs ${expected} findings (${published} published)`);
    const mem = procStatus(client.child.pid!);
    return { diagnosticsMs, readyMs, initialReadyMs, diagnostics, serverCpuMsPerEdit, rssWithDraftKb: mem.rssKb, hwmWithDraftKb: mem.hwmKb };
  } finally {
    await client.stop();
  }
}

/**
 * The same edits replayed in this process on an IncrementalLinter (what the server runs per
 * version, without protocol or event-loop yields), and each document-scoped rule alone on the
 * draft: where the per-edit time goes.
 */
function inProcess(draft: string, edits: Edit[]): { incrementalMs: number[]; documentRuleMs: Record<string, number>; paragraphRulesFullMs: number; overheadMs: number; fullMs: number; findings: number } {
  loadSegmenter();
  const linter = createIncrementalLinter();
  let text = draft;
  linter.lint(text);
  const incrementalMs: number[] = [];
  for (const [i, edit] of edits.entries()) {
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    const started = performance.now();
    linter.lint(text);
    if (i >= options.warmupEdits) incrementalMs.push(performance.now() - started);
  }
  const median = (f: () => void) => {
    const xs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const s = performance.now();
      f();
      xs.push(performance.now() - s);
    }
    return xs.sort((a, b) => a - b)[3]!;
  };
  const documentRuleMs: Record<string, number> = {};
  for (const rule of RULES.filter((r) => (r.meta.scope ?? 'document') === 'document')) documentRuleMs[rule.meta.id] = median(() => lint(draft, { onlyRules: [rule.meta.id] }));
  const paragraphIds = RULES.filter((r) => r.meta.scope === 'paragraph').map((r) => r.meta.id);
  return {
    incrementalMs,
    documentRuleMs,
    paragraphRulesFullMs: median(() => lint(draft, { onlyRules: paragraphIds })),
    overheadMs: median(() => lint(draft, { onlyRules: [] })),
    fullMs: median(() => lint(draft)),
    findings: lint(draft).length,
  };
}

async function main(): Promise<void> {
  const cold: Record<string, number | undefined>[] = [];
  // Warm-up start (file cache, not counted), then the measured cold starts.
  await coldStart();
  for (let i = 0; i < options.coldRuns; i++) cold.push(await coldStart());

  const draft = draftText();
  const edits = makeEdits(draft, options.warmupEdits + options.edits, 20_000);
  const editRuns = [];
  for (let i = 0; i < options.editRuns; i++) editRuns.push(await editRun(i, draft, edits));
  const local = inProcess(draft, edits);
  process.stdout.write(
    JSON.stringify({
      coldSeed: basename(options.seeds[0]!),
      cold,
      draftChars: draft.length,
      draftParagraphs: draft.split(/\n[ \t\u3000]*\n/).length,
      editKinds: { inserts: edits.filter((e) => e.text).length, deletes: edits.filter((e) => !e.text).length },
      editRuns,
      local,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
