// Changes the editor's actions make to the project's config file (.speechlintrc.json, or the
// `speechlint` key of package.json): an allowed phrase, a rule turned off, a placeholder's
// value. Written on disk by the server itself, atomically: a WorkspaceEdit that creates the
// file and then inserts its text lets the file watcher read it while it is still empty.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { createFileAtomic, writeFileAtomic } from '../cli/file-access.js';
import { CONFIG_FILE_NAME } from '../config-loader.js';

export type ConfigChange =
  | { kind: 'allow'; phrase: string }
  | { kind: 'rule'; ruleId: string; severity: 'off' }
  | { kind: 'placeholder'; key: string; value: string };

/** Why a change cannot be written (shown to the user as is). */
export class ConfigEditError extends Error {}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/**
 * The text of `current` (a config file's content, comments kept) with `change` made; for
 * package.json the change goes under its `speechlint` key. `current` undefined: a new file.
 */
export function changedConfigText(current: string | undefined, change: ConfigChange, isPackageJson = false): string {
  const bom = current?.startsWith('\uFEFF') ? '\uFEFF' : '';
  let text = (current ?? '{}\n').slice(bom.length);
  const errors: ParseError[] = [];
  const root = parse(text, errors, { allowTrailingComma: true }) as unknown;
  if (errors.length > 0 || typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new ConfigEditError('配置文件不是有效的 JSON，请先修正它 / the config file is not valid JSON; fix it first');
  }
  const base = isPackageJson ? ['speechlint'] : [];
  const config = (isPackageJson ? (root as Record<string, unknown>).speechlint : root) as Record<string, unknown> | undefined;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const options = { ...FORMAT, formattingOptions: { ...FORMAT.formattingOptions, eol } };
  const set = (path: (string | number)[], value: unknown) => {
    text = applyEdits(text, modify(text, [...base, ...path], value, options));
  };
  switch (change.kind) {
    case 'allow': {
      const allow = Array.isArray(config?.allow) ? (config.allow as unknown[]) : undefined;
      if (allow?.includes(change.phrase)) break;
      if (allow) set(['allow', allow.length], change.phrase);
      else set(['allow'], [change.phrase]);
      break;
    }
    case 'rule': {
      const rules = config?.rules;
      if (typeof rules === 'object' && rules !== null && !Array.isArray(rules)) set(['rules', change.ruleId], change.severity);
      else set(['rules'], { [change.ruleId]: change.severity });
      break;
    }
    case 'placeholder': {
      const placeholders = config?.placeholders;
      if (typeof placeholders === 'object' && placeholders !== null && !Array.isArray(placeholders)) set(['placeholders', change.key], change.value);
      else set(['placeholders'], { [change.key]: change.value });
      break;
    }
  }
  return bom + (text.endsWith('\n') ? text : text + eol);
}

/** Where a change goes: the config in force for the document, else a new file in `folder`. */
export function configTarget(existing: string | undefined, folder: string): { path: string; exists: boolean } {
  if (existing) return { path: existing, exists: true };
  return { path: join(folder, CONFIG_FILE_NAME), exists: existsSync(join(folder, CONFIG_FILE_NAME)) };
}

/** Makes `change` in the config file at `path` (creating it if need be); returns the path written. */
export function writeConfigChange(path: string, change: ConfigChange): string {
  const exists = existsSync(path);
  const current = exists ? readFileSync(path, 'utf8') : undefined;
  const text = changedConfigText(current, change, basename(path) === 'package.json');
  if (current === text) return path;
  if (exists) writeFileAtomic(path, Buffer.from(text, 'utf8'));
  else createFileAtomic(path, text);
  return path;
}

