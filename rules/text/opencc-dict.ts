/** opencc-js dictionaries are strings "src dst|src dst|…" (first candidate only). */
export function parseDict(dict: string): [string, string][] {
  return dict.split('|').map((entry) => entry.split(' ') as [string, string]);
}
