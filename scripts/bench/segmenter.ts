// Benchmark helper (bundled by scripts/bench.mjs to out/bench/segmenter.js): one segmentation
// backend alone, in a fresh process, on the seeds' sentences.
// Usage: node out/bench/segmenter.js <shipped|jieba-full|intl> <seed file>… → JSON on stdout:
// load time, RSS before/after, segmentation speed and the words (for the agreement figure).
//   shipped     rules/text/segmenter.ts: nodejieba with our cut-down dictionary (what runs)
//   jieba-full  nodejieba with its own full dictionary (what ran before)
//   intl        Intl.Segmenter('zh', word): ICU's dictionary, built into Node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadSegmenter, segmentWords } from '../../rules/text/segmenter.js';

const [backend, ...files] = process.argv.slice(2);
const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))![1]);
const sentences = files.flatMap((f) => readFileSync(f, 'utf8').split(/[\n。！？；]/)).filter((s) => s.trim());

let cut: (text: string) => string[];
const rssBefore = kb('VmRSS');
const started = performance.now();
if (backend === 'shipped') {
  loadSegmenter();
  cut = (text) => segmentWords(text).map((w) => w.word);
} else if (backend === 'jieba-full') {
  const jieba = createRequire(__filename)('nodejieba') as { load(): void; cut(text: string, hmm: boolean): string[] };
  jieba.load();
  cut = (text) => jieba.cut(text, true);
} else if (backend === 'intl') {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  cut = (text) => [...segmenter.segment(text)].map((s) => s.segment);
  cut('我们要进一步加强党的建设'); // ICU loads its dictionary on first use
} else {
  throw new Error(`unknown backend ${backend}`);
}
const loadMs = performance.now() - started;
const rssAfterLoad = kb('VmRSS');

const words = sentences.map((s) => cut(s));
const chars = sentences.reduce((n, s) => n + s.length, 0);
const rounds = 5;
const cutStarted = performance.now();
for (let r = 0; r < rounds; r++) for (const s of sentences) cut(s);
const cutMs = (performance.now() - cutStarted) / rounds;

process.stdout.write(JSON.stringify({ backend, loadMs, rssBefore, rssAfterLoad, hwm: kb('VmHWM'), chars, cutMs, words }));
