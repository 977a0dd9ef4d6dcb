/**
 * Pairs of texts that are nearly the same: two versions of one paragraph, a word changed here
 * and there. Similarity is the Jaccard index of the texts' character trigrams. Every pair is not
 * compared: each text keeps a small sketch (its SKETCH smallest trigram hashes), texts that share
 * a sketch value become candidates, and only candidates are compared in full. A sketch value
 * shared by more than MAX_BUCKET texts is a formula common to many of them and proposes no pair,
 * so the work stays linear in the number of texts.
 */

const SKETCH = 8;
const MAX_BUCKET = 12;
/** Longest text compared, in UTF-16 units: a paragraph, not a whole file on one line. */
export const MAX_COMPARED = 4000;

export interface SimilarPair {
  /** Indexes into the texts given, first < second. */
  first: number;
  second: number;
  similarity: number;
}

/**
 * Pairs whose similarity is at least `threshold` (0–1) and whose lengths differ by no more than
 * that ratio allows. Identical texts are left out (exact copies are matched by their text).
 */
export function findNearDuplicates(texts: readonly string[], threshold: number): SimilarPair[] {
  const grams = texts.map((t) => (t.length <= MAX_COMPARED ? trigrams(t) : new Set<number>()));
  const buckets = new Map<number, number[]>();
  grams.forEach((set, index) => {
    for (const hash of sketch(set)) {
      const bucket = buckets.get(hash);
      if (!bucket) buckets.set(hash, [index]);
      else if (bucket.length <= MAX_BUCKET) bucket.push(index);
    }
  });
  const seen = new Set<string>();
  const pairs: SimilarPair[] = [];
  for (const bucket of buckets.values()) {
    if (bucket.length < 2 || bucket.length > MAX_BUCKET) continue;
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length; j++) {
        const [first, second] = [bucket[i]!, bucket[j]!];
        const key = `${first}:${second}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const [a, b] = [texts[first]!, texts[second]!];
        if (a === b || Math.min(a.length, b.length) < threshold * Math.max(a.length, b.length)) continue;
        const similarity = jaccard(grams[first]!, grams[second]!);
        if (similarity >= threshold) pairs.push({ first, second, similarity });
      }
    }
  }
  return pairs.sort((x, y) => x.first - y.first || x.second - y.second);
}

function trigrams(text: string): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 3 <= text.length; i++) set.add(hash3(text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)));
  return set;
}

/** FNV-1a style, one step per UTF-16 unit. */
function hash3(a: number, b: number, c: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ a, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  return h >>> 0;
}

/** The SKETCH smallest hashes of the set, in one pass. */
function sketch(set: ReadonlySet<number>): number[] {
  const kept: number[] = [];
  for (const hash of set) {
    if (kept.length < SKETCH) {
      kept.push(hash);
      kept.sort((x, y) => x - y);
    } else if (hash < kept[SKETCH - 1]!) {
      kept[SKETCH - 1] = hash;
      kept.sort((x, y) => x - y);
    }
  }
  return kept;
}

function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const hash of small) if (large.has(hash)) shared++;
  return shared / (a.size + b.size - shared);
}
