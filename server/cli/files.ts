import type { Dirent, Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import type { LoadedConfig } from '../config-loader.js';
import { BrokenLinkError, NODE_FS, NotAFileError, type CliFs } from './file-access.js';

/** Folders never searched: they hold tools and history, not drafts. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);
const GLOB_CHARS = /[*?[\]{}!]/;

export interface FileSearch {
  cwd: string;
  extensions: readonly string[];
  /** The config in force for a file (for its `ignore` list); undefined skips ignoring. */
  configFor?: (file: string) => LoadedConfig | undefined;
  /** File-system calls (default node:fs). */
  fs?: CliFs;
}

/** A path that was found but cannot be linted. `fatal` ones make the run exit with 2. */
export interface SkippedPath {
  path: string;
  /** BrokenLinkError, NotAFileError or the errno error of an unreadable folder. */
  error: Error;
  fatal: boolean;
}

export interface FileList {
  files: string[];
  /** Patterns that matched nothing, and explicit files that were ignored (warnings). */
  unmatched: string[];
  ignoredExplicit: string[];
  /** Broken symbolic links, unreadable folders, named paths that are no regular files. */
  skipped: SkippedPath[];
}

/**
 * Expands command-line patterns into files: a file is taken as named; a folder is searched
 * for the extensions; a glob is matched below its static prefix. Symbolic links are followed:
 * a folder is entered once however many links lead to it (so loops end), a file reached by
 * several paths is listed once (under its own path if met, else the first), and a link whose target is missing
 * or loops is reported. The config's `ignore` patterns (gitignore syntax, relative to the
 * config file's folder) apply.
 */
export function expandPatterns(patterns: readonly string[], search: FileSearch): FileList {
  const fs = search.fs ?? NODE_FS;
  const files = new Map<string, string>(); // real path → path as found
  const unmatched: string[] = [];
  const ignoredExplicit: string[] = [];
  const skipped: SkippedPath[] = [];
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
  const add = (file: string): boolean => {
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      real = file; // vanished just now: reading it will say so
    }
    if (!files.has(real) || file === real) files.set(real, file); // the file's own path over a link's
    return true;
  };

  for (const pattern of patterns) {
    const absolute = resolve(search.cwd, pattern);
    const { stats, error } = statOf(absolute, fs);
    const before = files.size;
    const reportedBefore = skipped.length;
    if (stats?.isFile()) {
      if (isIgnored(absolute)) ignoredExplicit.push(pattern);
      else add(absolute);
      continue;
    }
    if (stats?.isDirectory()) {
      walk(absolute, fs, skipped, (file) => hasExtension(file, search.extensions) && !isIgnored(file), add);
    } else if (stats) {
      skipped.push({ path: absolute, error: new NotAFileError('other'), fatal: true });
    } else if (error && isSymlink(absolute, fs)) {
      skipped.push({ path: absolute, error: new BrokenLinkError(error.code ?? 'ENOENT'), fatal: true });
    } else if (GLOB_CHARS.test(pattern)) {
      const { base, glob } = splitGlob(pattern);
      const root = resolve(search.cwd, base);
      const matches = picomatch(glob, { dot: false });
      if (statOf(root, fs).stats?.isDirectory()) {
        walk(root, fs, skipped, (file) => matches(relative(root, file).split(sep).join('/')) && !isIgnored(file), add);
      }
    }
    if (files.size === before && skipped.length === reportedBefore) unmatched.push(pattern);
  }
  return { files: [...files.values()].sort(), unmatched, ignoredExplicit, skipped };
}

/**
 * Depth-first, without recursion (deep trees cannot overflow the stack). A folder's real path is
 * entered once, which cuts symlink loops; `accept` decides which files (and which broken links
 * named like files) matter.
 */
function walk(root: string, fs: CliFs, skipped: SkippedPath[], accept: (file: string) => boolean, visit: (file: string) => unknown): void {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      continue; // vanished since it was listed: nothing left to lint there
    }
    if (seen.has(real)) continue; // a symlink loop, or a folder reached twice
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      // Vanished: nothing to lint. Unreadable: its drafts would go unchecked, so say so.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') skipped.push({ path: dir, error: error as Error, fatal: true });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const { stats, error } = statOf(path, fs);
        if (stats?.isDirectory()) {
          if (!ALWAYS_SKIPPED.has(entry.name)) stack.push(path);
        } else if (stats?.isFile()) {
          if (accept(path)) visit(path);
        } else if (error && accept(path)) {
          skipped.push({ path, error: new BrokenLinkError(error.code ?? 'ENOENT'), fatal: false });
        }
      } else if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(entry.name)) stack.push(path);
      } else if (entry.isFile()) {
        if (accept(path)) visit(path);
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

function statOf(path: string, fs: CliFs): { stats?: Stats; error?: NodeJS.ErrnoException } {
  try {
    return { stats: fs.statSync(path) };
  } catch (error) {
    return { error: error as NodeJS.ErrnoException };
  }
}

function isSymlink(path: string, fs: CliFs): boolean {
  try {
    return fs.lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
