import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { LoadedConfig } from '../config-loader.js';

/** Folders never searched: they hold tools and history, not drafts. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const GLOB_CHARS = /[*?[\]{}!]/;

export interface FileSearch {
  cwd: string;
  extensions: readonly string[];
  /** The config in force for a file (for its `ignore` list); undefined skips ignoring. */
  configFor?: (file: string) => LoadedConfig | undefined;
}

export interface FileList {
  files: string[];
  /** Patterns that matched nothing, and explicit files that were ignored (warnings). */
  unmatched: string[];
  ignoredExplicit: string[];
}

/**
 * Expands command-line patterns into files: a file is taken as named; a folder is searched
 * for the extensions; a glob is matched below its static prefix. Symlinked folders are
 * followed once (loops are cut), and the config's `ignore` patterns (gitignore syntax,
 * relative to the config file's folder) apply.
 */
export function expandPatterns(patterns: readonly string[], search: FileSearch): FileList {
  const files = new Set<string>();
  const unmatched: string[] = [];
  const ignoredExplicit: string[] = [];
  const ignorers = new Map<string, Ignore>();
  const isIgnored = (file: string): boolean => {
    const loaded = search.configFor?.(file);
    if (!loaded?.config.ignore?.length) return false;
    const rel = relative(loaded.dir, file);
    if (rel.startsWith('..') || isAbsolute(rel)) return false;
    let ig = ignorers.get(loaded.path);
    if (!ig) {
      ig = ignore().add(loaded.config.ignore);
      ignorers.set(loaded.path, ig);
    }
    return ig.ignores(rel.split(sep).join('/'));
  };

  for (const pattern of patterns) {
    const absolute = resolve(search.cwd, pattern);
    const stats = statOrUndefined(absolute);
    const before = files.size;
    if (stats?.isFile()) {
      if (isIgnored(absolute)) ignoredExplicit.push(pattern);
      else files.add(absolute);
      continue;
    }
    if (stats?.isDirectory()) {
      walk(absolute, (file) => hasExtension(file, search.extensions) && !isIgnored(file) && files.add(file));
    } else if (GLOB_CHARS.test(pattern)) {
      const { base, glob } = splitGlob(pattern);
      const root = resolve(search.cwd, base);
      const matches = picomatch(glob, { dot: false });
      if (statOrUndefined(root)?.isDirectory()) {
        walk(root, (file) => matches(relative(root, file).split(sep).join('/')) && !isIgnored(file) && files.add(file));
      }
    }
    if (files.size === before) unmatched.push(pattern);
  }
  return { files: [...files].sort(), unmatched, ignoredExplicit };
}

function walk(root: string, visit: (file: string) => unknown): void {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      continue; // vanished or a dangling link
    }
    if (seen.has(real)) continue; // a symlink loop, or a folder reached twice
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing to lint there
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statOrUndefined(path)?.isDirectory())) {
        if (!ALWAYS_SKIPPED.has(entry.name)) stack.push(path);
      } else if (entry.isFile() || (entry.isSymbolicLink() && statOrUndefined(path)?.isFile())) {
        visit(path);
      }
    }
  }
}

function hasExtension(file: string, extensions: readonly string[]): boolean {
  const lower = file.toLowerCase();
  return extensions.some((e) => lower.endsWith(e.toLowerCase()));
}

/** "docs/**\/*.md" → base "docs", glob "**\/*.md". */
function splitGlob(pattern: string): { base: string; glob: string } {
  const parts = pattern.split(/[\\/]/);
  const index = parts.findIndex((p) => GLOB_CHARS.test(p));
  return { base: parts.slice(0, index).join('/') || '.', glob: parts.slice(index).join('/') };
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
