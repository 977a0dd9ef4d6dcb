// Data that esbuild's file loader copies beside the bundle (scripts/esbuild-plugins.mjs), read
// on first use. The one module of rules/ that touches the file system, and only for the
// engine's own shipped files, never a user's: the CLI and the server do all other reading.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of a file shipped beside the bundle, given the path its import yielded (read each call: callers keep what they build from it). */
export function readBundledText(pathFromBundle: string): string {
  return readFileSync(join(__dirname, pathFromBundle), 'utf8');
}
