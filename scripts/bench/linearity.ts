// Benchmark helper (bundled by scripts/bench.mjs to out/bench/linearity.js): wall-clock growth
// of each rule from n to 8n characters on the adversarial inputs of test/redos.test.ts.
// Usage: node out/bench/linearity.js <n> <budget ms per rule> → one JSON object on stdout.
// Printed by the bench, never asserted: the test counts the work instead (test/work-count.ts),
// since a time ratio on a shared machine is noise. Linear is about 8×, quadratic 64×.
// Each time is the minimum of 3 runs of each size, interleaved; a rule whose inputs would take
// longer than the budget leaves the rest out (and says how many it measured).
import { INPUTS, MARKDOWN_INPUTS } from '../../test/adversarial-inputs.js';
import { lint, loadSegmenter, RULES } from '../../rules/index.js';

const [nArg, budgetArg] = process.argv.slice(2);
const N = Number(nArg);
const BUDGET_MS = Number(budgetArg);
const GROWTH = 8;
const RUNS = 3;

loadSegmenter();

function timeOf(call: () => void): number {
  const started = performance.now();
  call();
  return performance.now() - started;
}

interface Measured {
  input: string;
  smallMs: number;
  largeMs: number;
  ratio: number;
}

const inputs = [...INPUTS.map((i) => ({ ...i, language: 'plaintext' as const })), ...MARKDOWN_INPUTS.map((i) => ({ ...i, name: `markdown: ${i.name}`, language: 'markdown' as const }))];

const rules = RULES.map((rule) => {
  const id = rule.meta.id;
  // As in the test: segmenting rules at n/5.
  const n = rule.meta.needsSegmenter ? Math.round(N / 5) : N;
  const started = performance.now();
  const measured: Measured[] = [];
  for (const input of inputs) {
    if (performance.now() - started > BUDGET_MS) break;
    const options = { onlyRules: [id], config: { rules: { [id]: 'error' as const } }, language: input.language };
    // Trailing spaces: no cache of recent texts answers a repeated call.
    const small = [0, 1, 2, 3].map((k) => input.make(n) + ' '.repeat(k));
    const large = [0, 1, 2, 3].map((k) => input.make(n * GROWTH) + ' '.repeat(k));
    lint(small[3]!, options); // warm-up
    let smallMs = Infinity;
    let largeMs = Infinity;
    for (let run = 0; run < RUNS; run++) {
      smallMs = Math.min(smallMs, timeOf(() => lint(small[run]!, options)));
      largeMs = Math.min(largeMs, timeOf(() => lint(large[run]!, options)));
    }
    measured.push({ input: input.name, smallMs, largeMs, ratio: largeMs / smallMs });
  }
  return { id, n, inputs: inputs.length, measured };
});

process.stdout.write(JSON.stringify({ n: N, growth: GROWTH, rules }));
