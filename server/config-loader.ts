import { existsSync, readFileSync } from 'node:fs';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { dirname, join, resolve } from 'node:path';
import { describeFileError } from './cli/file-access.js';
import { checkConfig, resolveConfig, type ConfigFile, type ConfigProblem, type LintConfig } from '../rules/index.js';

/**
 * Finds and loads project configuration exactly the same way for the CLI and the language
 * server: `.speechlintrc.json`, else the `speechlint` key of `package.json`, in the file's
 * folder or the nearest ancestor that has one (the nearest wins; no cascading).
 */
export const CONFIG_FILE_NAME = '.speechlintrc.json';

const CONFIG_DECODER = new TextDecoder('utf-8', { fatal: true });

export interface LoadedConfig {
  /** The file the config came from. */
  path: string;
  /** Folder that `ignore` patterns are relative to. */
  dir: string;
  config: ConfigFile;
}

/** A configuration file that cannot be used; the message names the file and the keys. */
export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`配置文件有误 / invalid configuration: ${path}\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
}

export function loadConfigFile(path: string): LoadedConfig {
  const absolute = resolve(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    throw new ConfigError(absolute, [{ path: '(文件)', message: describeFileError(error, 'read') }]);
  }
  let raw: string;
  try {
    // Fatal: a GBK-saved config must not turn its values into U+FFFD that a fix would write.
    raw = CONFIG_DECODER.decode(bytes);
  } catch {
    throw new ConfigError(absolute, [{ path: '(文件)', message: '配置文件不是有效的 UTF-8 编码 / config file is not valid UTF-8; save it as UTF-8' }]);
  }
  const parsed = parseJson(raw.replace(/^\uFEFF/, ''), absolute);
  const isPackageJson = absolute.endsWith('package.json');
  if (isPackageJson && (typeof parsed !== 'object' || parsed === null || !('speechlint' in parsed))) {
    throw new ConfigError(absolute, [{ path: 'speechlint', message: 'package.json 中没有 "speechlint" 配置 / no "speechlint" key' }]);
  }
  const { config, problems } = checkConfig(isPackageJson ? (parsed as Record<string, unknown>).speechlint : parsed);
  if (problems.length > 0) {
    throw new ConfigError(absolute, isPackageJson ? problems.map((p) => ({ ...p, path: `speechlint.${p.path}` })) : problems);
  }
  return { path: absolute, dir: dirname(absolute), config };
}

/** Nesting of arrays and objects in a config file; JSON.parse overflows the stack at some thousands. */
const MAX_JSON_DEPTH = 64;

/**
 * The key path at which `raw` nests deeper than MAX_JSON_DEPTH (`rules.placeholder`), or
 * undefined. One pass over the characters, strings skipped; the keys seen at each level name it.
 */
function tooDeep(raw: string): string | undefined {
  const keys: (string | undefined)[] = [];
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') {
      let end = i + 1;
      while (end < raw.length && raw[end] !== '"') end += raw[end] === '\\' ? 2 : 1;
      let next = end + 1;
      while (next < raw.length && /\s/.test(raw[next]!)) next++;
      if (raw[next] === ':') keys[depth] = raw.slice(i + 1, end);
      i = end;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth > MAX_JSON_DEPTH) return keys.slice(1, depth).filter((k) => k !== undefined).slice(0, 4).join('.') || '(根)';
      keys[depth] = undefined;
    } else if (c === '}' || c === ']') depth--;
  }
  return undefined;
}

function parseJson(raw: string, path: string): unknown {
  const deep = tooDeep(raw);
  if (deep !== undefined) {
    throw new ConfigError(path, [{ path: deep, message: `嵌套超过 ${MAX_JSON_DEPTH} 层 / nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  }
  // JSON with comments and trailing commas (the starter file of --init is commented).
  const errors: ParseError[] = [];
  const value = parse(raw, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  const error = errors[0];
  if (error) {
    const before = raw.slice(0, error.offset);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new ConfigError(path, [{ path: '(JSON)', message: `第 ${line} 行第 ${column} 列 (line ${line}) 不是有效的 JSON / invalid JSON: ${printParseErrorCode(error.error)}`, line, column }]);
  }
  return value;
}

/**
 * Walks up from `dir` and returns the nearest configuration, or undefined. Results are cached
 * per folder in `cache` (pass the same map for a whole run; the server clears it on change).
 */
export function findConfig(dir: string, cache: Map<string, LoadedConfig | null> = new Map()): LoadedConfig | undefined {
  const visited: string[] = [];
  let current = resolve(dir);
  let found: LoadedConfig | null = null;
  for (;;) {
    const cached = cache.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(current);
    const rc = join(current, CONFIG_FILE_NAME);
    if (existsSync(rc)) {
      found = loadConfigFile(rc);
      break;
    }
    const pkg = join(current, 'package.json');
    if (existsSync(pkg) && hasSpeechlintKey(pkg)) {
      found = loadConfigFile(pkg);
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of visited) cache.set(folder, found);
  return found ?? undefined;
}

export function hasSpeechlintKey(pkg: string): boolean {
  try {
    const parsed = JSON.parse(readFileSync(pkg, 'utf8').replace(/^\uFEFF/, '')) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'speechlint' in parsed;
  } catch {
    return false; // a broken package.json is not ours to report
  }
}

/**
 * The one place where configuration layers meet, for the CLI and the language server alike:
 * rule defaults < editor settings < the project's config file < command-line overrides.
 */
export function effectiveConfig(layers: { settings?: ConfigFile | undefined; project?: ConfigFile | undefined; commandLine?: ConfigFile | undefined }): LintConfig {
  return resolveConfig(layers.settings, layers.project, layers.commandLine);
}
