import type { FormatName } from '../args.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const FORMATTERS: Record<FormatName, Formatter> = { stylish, json, sarif, github, gitlab, junit };
export type { LintResult, FormatContext, FormatStream } from './types.js';
export { countFindings, formatAll } from './types.js';
