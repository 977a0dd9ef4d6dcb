/**
 * The segmenter's dictionary, cut down. jieba's full dictionary (349,000 words) takes nodejieba
 * about 1.4 s and 255 MB to load; the rules only need word boundaries in ordinary prose, which
 * the most frequent words give almost as well (measured on the seeds against the full
 * dictionary: 99.7 % of the word boundaries and 95.6 % of the words identical with 60,000 words,
 * loaded in 0.16 s and 44 MB). `npm run generate` writes rules/text/jieba/dict.utf8 with this;
 * test/meta.test.ts checks it is in sync with the installed nodejieba.
 */

/** How many of the most frequent words are kept. */
export const KEPT_WORDS = 60_000;

/**
 * Keeps the `size` most frequent entries of a jieba dictionary ("word freq tag" lines), plus the
 * entries of `alwaysKept` (words the rules look for), in the dictionary's own order.
 */
export function trimDictionary(dictionary: string, alwaysKept: ReadonlySet<string>, size = KEPT_WORDS): string {
  const entries = dictionary
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => ({ line, index, word: line.split(' ')[0]!, frequency: Number(line.split(' ')[1]) }));
  const byFrequency = [...entries].sort((a, b) => b.frequency - a.frequency || a.index - b.index);
  const kept = new Set(byFrequency.slice(0, size).map((e) => e.index));
  for (const entry of entries) if (alwaysKept.has(entry.word)) kept.add(entry.index);
  return entries.filter((e) => kept.has(e.index)).map((e) => `${e.line}\n`).join('');
}
