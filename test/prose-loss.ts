// The check behind "a fix never removes a sentence of prose": every sentence of the original
// (ending in 。！？, with a few Han characters) that no finding touched must still be in the
// fixed text, its Han characters in order. Shared by the property tests and the corpus test.
import type { Finding } from '../rules/index.js';

const SENTENCE = /[^。！？\n]*[。！？]/g;
const MIN_HAN = 4;

function hanOf(text: string): string {
  return (text.match(/\p{Script=Han}/gu) ?? []).join('');
}

/** The untouched sentences of `original` whose Han text is missing from `output` (in order). */
export function lostProse(original: string, output: string, findings: readonly Finding[]): string[] {
  const ranges = findings.map((f) => f.range).sort((a, b) => a.start - b.start);
  const outputHan = hanOf(output);
  const lost: string[] = [];
  let cursor = 0;
  let next = 0;
  let reach = -1;
  SENTENCE.lastIndex = 0;
  for (let m = SENTENCE.exec(original); m; m = SENTENCE.exec(original)) {
    const start = m.index;
    const end = start + m[0].length;
    // Findings sorted by start: is any of them overlapping [start, end)?
    while (next < ranges.length && ranges[next]!.start < end) reach = Math.max(reach, ranges[next++]!.end);
    if (reach > start) continue; // a finding touches this sentence: its fix may change it
    const han = hanOf(m[0]);
    if (han.length < MIN_HAN) continue;
    const at = outputHan.indexOf(han, cursor);
    if (at < 0) lost.push(m[0].trim());
    else cursor = at + han.length;
  }
  return lost;
}
