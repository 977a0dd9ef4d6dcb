import { checkUserRegex, isRegexEntry } from './user-patterns.js';
import type { ConfigFile, LintConfig, FieldSchema, OptionSchema, Rule, RuleEntry, RuleOptions, RuleSetting, SeverityOrOff } from './types.js';
import { SEVERITIES } from './types.js';

export interface ConfigProblem {
  /** Dotted path of the offending key, e.g. `rules.placeholder[1].tokens`. */
  path: string;
  /** What is wrong and what is expected, Simplified Chinese first. */
  message: string;
  /** Where in the file, when known (1-based; JSON syntax errors). */
  line?: number;
  column?: number;
}

/** Entries of `allow`, `ignore` and `placeholders`: far above any real list, far below a stack or a hang. */
export const MAX_LIST_ENTRIES = 10_000;

const TOP_LEVEL_KEYS = ['$schema', 'rules', 'ignore', 'allow', 'placeholders'];
const SEVERITY_VALUES = [...SEVERITIES, 'off'];

/**
 * Checks a parsed configuration against the schema (the rules' metadata included) and
 * returns the normalised form, or the problems found, each naming its key.
 */
export function validateConfig(raw: unknown, rules: readonly Rule[]): { config: ConfigFile; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: ConfigFile = {};
  if (!isPlainObject(raw)) {
    return { config, problems: [{ path: '(根)', message: '配置应为 JSON 对象 / the configuration must be a JSON object' }] };
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      problems.push({ path: key, message: `未知的配置项，可用：${TOP_LEVEL_KEYS.slice(1).join('、')} / unknown key` });
    }
  }
  if (raw.rules !== undefined) {
    if (!isPlainObject(raw.rules)) {
      problems.push({ path: 'rules', message: '应为对象：规则 id → 级别或 [级别, 选项] / expected an object' });
    } else {
      config.rules = {};
      for (const [id, entry] of Object.entries(raw.rules)) {
        const rule = rules.find((r) => r.meta.id === id);
        if (!rule) {
          problems.push({ path: `rules.${id}`, message: `未知规则“${id}” / unknown rule id` });
          continue;
        }
        const setting = parseRuleEntry(entry, rule, `rules.${id}`, problems);
        if (setting) config.rules[id] = toEntry(setting);
      }
    }
  }
  for (const key of ['ignore', 'allow'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length > MAX_LIST_ENTRIES) {
      problems.push({ path: key, message: `最多 ${MAX_LIST_ENTRIES} 条，现有 ${value.length} 条 / at most ${MAX_LIST_ENTRIES} entries (has ${value.length})` });
    } else if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
      problems.push({ path: key, message: '应为非空字符串的数组 / expected an array of non-empty strings' });
    } else {
      config[key] = [...value] as string[];
      if (key === 'allow') {
        value.forEach((entry: string, i) => {
          const refused = isRegexEntry(entry) ? checkUserRegex(entry) : undefined;
          if (refused) problems.push({ path: `allow[${i}]`, message: refused });
        });
      }
    }
  }
  if (raw.placeholders !== undefined) {
    if (isPlainObject(raw.placeholders) && Object.keys(raw.placeholders).length > MAX_LIST_ENTRIES) {
      problems.push({ path: 'placeholders', message: `最多 ${MAX_LIST_ENTRIES} 项 / at most ${MAX_LIST_ENTRIES} entries` });
    } else if (!isStringRecord(raw.placeholders)) {
      problems.push({ path: 'placeholders', message: '应为对象：带上下文的占位符 → 替换值 / expected an object of strings' });
    } else {
      for (const [key, value] of Object.entries(raw.placeholders)) {
        // A value that contains its own key would grow the text on every fix pass.
        if (key !== '' && value.includes(key)) {
          problems.push({ path: `placeholders.${key}`, message: `替换值包含占位符本身，每次修复都会重复插入 / the value contains its own key "${key}"; each fix pass would repeat it` });
        }
      }
      config.placeholders = { ...raw.placeholders };
    }
  }
  return { config, problems };
}

function parseRuleEntry(entry: unknown, rule: Rule, path: string, problems: ConfigProblem[]): RuleSetting | undefined {
  let severity: unknown;
  let options: unknown;
  if (typeof entry === 'string') severity = entry;
  else if (Array.isArray(entry)) [severity, options] = entry;
  else if (isPlainObject(entry)) {
    ({ severity, options } = entry as { severity?: unknown; options?: unknown });
    const unknown = Object.keys(entry).filter((key) => key !== 'severity' && key !== 'options');
    if (unknown.length > 0) {
      problems.push({ path: `${path}.${unknown[0]}`, message: '未知的键，可用：severity、options / unknown key; expected severity, options' });
      return undefined;
    }
  } else {
    problems.push({ path, message: '应为级别字符串、[级别, 选项] 或 {severity, options} / expected a severity, [severity, options] or {severity, options}' });
    return undefined;
  }
  if (severity === undefined) severity = rule.meta.defaultSeverity;
  if (typeof severity !== 'string' || !SEVERITY_VALUES.includes(severity)) {
    problems.push({ path, message: `级别应为 ${SEVERITY_VALUES.join(' | ')} / invalid severity ${JSON.stringify(severity)}` });
    return undefined;
  }
  const setting: RuleSetting = { severity: severity as SeverityOrOff };
  if (options !== undefined) {
    const checked = validateRuleOptions(options, rule, `${path}.options`, problems);
    if (!checked) return undefined;
    setting.options = checked;
  }
  return setting;
}

/** Validates options against the rule's schema; unknown keys and wrong types are problems. */
export function validateRuleOptions(options: unknown, rule: Rule, path: string, problems: ConfigProblem[]): RuleOptions | undefined {
  if (!isPlainObject(options)) {
    problems.push({ path, message: '选项应为对象 / options must be an object' });
    return undefined;
  }
  const before = problems.length;
  for (const [key, value] of Object.entries(options)) {
    const schema = rule.meta.options[key];
    if (!schema) {
      const known = Object.keys(rule.meta.options);
      problems.push({ path: `${path}.${key}`, message: `规则 ${rule.meta.id} 没有此选项${known.length ? `（可用：${known.join('、')}）` : ''} / unknown option` });
      continue;
    }
    const expected = describeMismatch(value, schema);
    if (expected) problems.push({ path: `${path}.${key}`, message: `应为${expected} / expected ${schema.type}` });
  }
  return problems.length === before ? { ...options } : undefined;
}

function describeMismatch(value: unknown, schema: OptionSchema): string | undefined {
  switch (schema.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : '布尔值 true/false';
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return '数字';
      return schema.minimum !== undefined && value < schema.minimum ? `不小于 ${schema.minimum} 的数字` : undefined;
    case 'string':
      if (typeof value !== 'string') return '字符串';
      return schema.enum && !schema.enum.includes(value) ? `以下之一：${schema.enum.join(' | ')}` : undefined;
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? undefined : '字符串数组';
    case 'record':
      return isStringRecord(value) ? undefined : '字符串到字符串的对象';
    case 'object[]':
      return objectListMismatch(value, schema.properties ?? {});
  }
}

/** What is wrong with an `object[]` option's value, naming the entry and the field. */
function objectListMismatch(value: unknown, fields: Record<string, FieldSchema>): string | undefined {
  if (!Array.isArray(value)) return '对象数组';
  for (const [index, entry] of value.entries()) {
    const at = `第 ${index + 1} 项`;
    if (!isPlainObject(entry)) return `对象数组（${at}不是对象）`;
    for (const key of Object.keys(entry)) if (!fields[key]) return `对象数组（${at}有未知字段“${key}”，可用：${Object.keys(fields).join('、')}）`;
    for (const [key, field] of Object.entries(fields)) {
      const v = entry[key];
      if (v === undefined) {
        if (field.required) return `对象数组（${at}缺少“${key}”）`;
        continue;
      }
      const wrong =
        field.type === 'boolean' ? typeof v !== 'boolean'
        : field.type === 'string' ? typeof v !== 'string' || v === '' || (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(v))
        : !Array.isArray(v) || !v.every((s) => typeof s === 'string' && s !== '') || v.length < (field.minItems ?? 0);
      if (wrong) return `对象数组（${at}的“${key}”应为${FIELD_LABEL[field.type]}${field.minItems ? `，至少 ${field.minItems} 项` : ''}${field.pattern ? `，格式 ${field.pattern}` : ''}）`;
    }
  }
  return undefined;
}

const FIELD_LABEL: Record<FieldSchema['type'], string> = { boolean: '布尔值', string: '非空字符串', 'string[]': '非空字符串数组' };

function toEntry(setting: RuleSetting): RuleEntry {
  return setting.options ? { severity: setting.severity, options: setting.options } : setting.severity;
}

/** Normalises one rule entry of an already validated config. */
export function ruleSettingOf(entry: RuleEntry): RuleSetting {
  if (typeof entry === 'string') return { severity: entry };
  if (Array.isArray(entry)) return entry[1] ? { severity: entry[0], options: entry[1] } : { severity: entry[0] };
  const setting: RuleSetting = { severity: entry.severity ?? 'error' };
  if (entry.options) setting.options = entry.options;
  return setting;
}

/**
 * Merges configuration layers, later ones winning (rule defaults < user settings < project
 * file < command line). Options of a rule merge key by key; lists concatenate.
 */
export function mergeConfigs(rules: readonly Rule[], ...layers: (ConfigFile | undefined)[]): LintConfig {
  const merged: LintConfig = { rules: {}, allow: [], placeholders: {} };
  for (const rule of rules) merged.rules[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: defaultOptions(rule) };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [id, entry] of Object.entries(layer.rules ?? {})) {
      const current = merged.rules[id];
      if (!current) continue;
      const setting = ruleSettingOf(entry);
      // `{"options": …}` without a severity keeps the severity in force.
      const severity = typeof entry === 'object' && !Array.isArray(entry) && entry.severity === undefined ? current.severity : setting.severity;
      merged.rules[id] = { severity, options: { ...current.options, ...setting.options } };
    }
    // A loop, not push(...): tens of thousands of entries would overflow the stack.
    for (const entry of layer.allow ?? []) merged.allow.push(entry);
    Object.assign(merged.placeholders, layer.placeholders ?? {});
  }
  return merged;
}

export function defaultOptions(rule: Rule): RuleOptions {
  const options: RuleOptions = {};
  for (const [key, schema] of Object.entries(rule.meta.options)) options[key] = structuredClone(schema.default);
  return options;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string');
}
