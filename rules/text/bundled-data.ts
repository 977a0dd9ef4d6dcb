// Data that esbuild's file loader copies beside the bundle (scripts/esbuild-plugins.mjs), read
// on first use. The one module of rules/ that touches the file system, and only for the
// engine's own shipped files, never a user's: the CLI and the server do all other reading.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cache = new Map<string, string>();

/** The text of a file shipped beside the bundle, given the path its import yielded. */
export function readBundledText(pathFromBundle: string): string {
  let text = cache.get(pathFromBundle);
  if (text === undefined) cache.set(pathFromBundle, (text = readFileSync(join(__dirname, pathFromBundle), 'utf8')));
  return text;
}
