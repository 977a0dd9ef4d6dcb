import { DEFAULT_MAX_PROBLEMS } from './diagnostics.js';
import { checkConfig, type ConfigFile, type ConfigProblem, type SeverityOrOff } from '../../rules/index.js';

/** The client's `speechlint.*` settings, as pulled per document with workspace/configuration. */
export interface SpeechLintSettings {
  enable: boolean;
  /** Lint while typing (debounced) or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Milliseconds to wait after the last keystroke. */
  debounce: number;
  /** Rule id → severity, as in `.speechlintrc.json`. */
  rules: Record<string, SeverityOrOff>;
  placeholders: Record<string, string>;
  allow: string[];
  /** Documents larger than this many MB (UTF-8) are not linted; 0: no limit. */
  maxFileSize: number;
  /** Diagnostics published per document, the note counting the rest included (see diagnosticsOf). */
  maxProblems: number;
}

/** Above this a client cannot show the problems usefully, and sending them takes seconds. */
const MAX_PROBLEMS_LIMIT = 100_000;

export const DEFAULT_SETTINGS: SpeechLintSettings = {
  enable: true,
  run: 'onType',
  debounce: 200,
  rules: {},
  placeholders: {},
  allow: [],
  maxFileSize: 5,
  maxProblems: DEFAULT_MAX_PROBLEMS,
};

/** Settings with defaults for what is missing or of the wrong type (a client may send anything). */
export function normalizeSettings(raw: unknown): SpeechLintSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    debounce: typeof value.debounce === 'number' && value.debounce >= 0 && value.debounce <= 10_000 ? value.debounce : DEFAULT_SETTINGS.debounce,
    rules: isRecord(value.rules) ? (value.rules as Record<string, SeverityOrOff>) : {},
    placeholders: isRecord(value.placeholders) ? (value.placeholders as Record<string, string>) : {},
    allow: Array.isArray(value.allow) ? value.allow.filter((a): a is string => typeof a === 'string' && a !== '') : [],
    maxFileSize: typeof value.maxFileSize === 'number' && value.maxFileSize >= 0 ? value.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    maxProblems: Number.isInteger(value.maxProblems) && (value.maxProblems as number) >= 1 ? Math.min(value.maxProblems as number, MAX_PROBLEMS_LIMIT) : DEFAULT_SETTINGS.maxProblems,
  };
}

/** The settings as a config layer, validated like a config file; invalid entries are dropped. */
export function settingsLayer(settings: SpeechLintSettings): { layer: ConfigFile; problems: ConfigProblem[] } {
  const { config, problems } = checkConfig({ rules: settings.rules, placeholders: settings.placeholders, allow: settings.allow });
  return { layer: config, problems };
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
