import { parseArgs } from 'node:util';
import { FIX_SCOPES, type FixScope, type SeverityOrOff } from '../../rules/index.js';
import { DEFAULT_MAX_FILE_SIZE_MB } from './file-access.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit';
export const FORMATS: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'];

export interface CliOptions {
  patterns: string[];
  format: FormatName;
  fix: boolean;
  fixDryRun: boolean;
  /** Which fixes --fix and --fix-dry-run apply (default `residue`: safe and residue fixes). */
  fixLevel: FixScope;
  config?: string;
  rules: Record<string, SeverityOrOff>;
  maxWarnings?: number;
  quiet: boolean;
  color?: boolean;
  version: boolean;
  help: boolean;
  listRules: boolean;
  /** Write a commented starter .speechlintrc.json in the working folder. */
  init: boolean;
  stdin: boolean;
  stdinFilename?: string;
  extensions: string[];
  convertTo?: 'simplified' | 'traditional';
  ignore: boolean;
  /** Largest file (and standard input) read, in MB of 1,048,576 bytes; 0 = no limit. */
  maxFileSizeMb: number;
  /**
   * `--annotate[=<out.docx>]`: write a copy of each Word document with a comment on every
   * finding; '' = beside it as <name>.批注.docx.
   */
  annotate?: string;
  /** Threads that lint (this one and workers): `auto` = the cores, when there is enough text; 1 (default) = this thread only. */
  concurrency: number | 'auto';
}

/** A command-line mistake: exit code 2 with this (bilingual) message. */
export class UsageError extends Error {}

const SEVERITY_WORDS = ['off', 'error', 'warning', 'warn', 'info', 'hint'];

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      // --annotate takes an optional value: given alone, it means "beside the document".
      args: withOptionalValues(argv, ['--annotate']),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'fix-level': { type: 'string' },
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
        'list-rules': { type: 'boolean' },
        init: { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        ext: { type: 'string' },
        'convert-to': { type: 'string' },
        'no-ignore': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        concurrency: { type: 'string' },
        annotate: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`参数错误 / invalid arguments: ${(error as Error).message}`);
  }
  const v = parsed.values;
  const format = (v.format ?? 'stylish') as FormatName;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`未知的输出格式“${v.format}”，可用：${FORMATS.join('、')} / unknown --format`);
  }
  const rules: Record<string, SeverityOrOff> = {};
  for (const entry of v.rule ?? []) {
    const m = /^([a-z0-9-]+)\s*[=:]\s*([a-z]+)$/.exec(entry.trim());
    if (!m || !SEVERITY_WORDS.includes(m[2]!)) {
      throw new UsageError(`--rule 应写作 <规则id>=off|warning|error|info|hint，收到“${entry}” / expected --rule <id>=<severity>`);
    }
    rules[m[1]!] = (m[2] === 'warn' ? 'warning' : m[2]) as SeverityOrOff;
  }
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
      throw new UsageError(`--max-warnings 应为非负整数，收到“${v['max-warnings']}” / expected a non-negative integer`);
    }
  }
  let maxFileSizeMb = DEFAULT_MAX_FILE_SIZE_MB;
  if (v['max-file-size'] !== undefined) {
    const raw = v['max-file-size'].trim();
    maxFileSizeMb = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(maxFileSizeMb)) {
      throw new UsageError(`--max-file-size 应为以 MB 计的非负数（0 为不限），收到“${v['max-file-size']}” / expected a size in MB, 0 for no limit`);
    }
  }
  let concurrency: number | 'auto' = 1;
  if (v.concurrency !== undefined) {
    const raw = v.concurrency.trim();
    concurrency = raw === 'auto' ? 'auto' : raw === 'off' ? 1 : /^\d{1,3}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : NaN;
    if (Number.isNaN(concurrency)) {
      throw new UsageError(`--concurrency 应为 auto、off 或正整数，收到“${v.concurrency}” / expected auto, off or a positive integer`);
    }
  }
  const fixLevel = (v['fix-level'] ?? 'residue') as FixScope;
  if (!FIX_SCOPES.includes(fixLevel)) {
    throw new UsageError(`--fix-level 应为 ${FIX_SCOPES.join('、')}，收到“${v['fix-level']}” / expected --fix-level ${FIX_SCOPES.join('|')}`);
  }
  const convertTo = v['convert-to'];
  if (convertTo !== undefined && convertTo !== 'simplified' && convertTo !== 'traditional') {
    throw new UsageError(`--convert-to 应为 simplified 或 traditional，收到“${convertTo}” / expected simplified|traditional`);
  }
  if (v.fix && v['fix-dry-run']) throw new UsageError('--fix 与 --fix-dry-run 不能同时使用 / --fix and --fix-dry-run are exclusive');
  if (convertTo && v.fix) throw new UsageError('--convert-to 与 --fix 不能同时使用 / --convert-to and --fix are exclusive');
  const patterns = parsed.positionals;
  if (v.init && (patterns.length > 0 || v.fix || v['fix-dry-run'] || v.stdin)) {
    throw new UsageError('--init 只写配置文件，不检查文件，请单独使用 / --init writes the config file only; use it alone');
  }
  const stdin = v.stdin === true || patterns.includes('-');
  if (stdin && v.fix) throw new UsageError('标准输入不能用 --fix 写回，请改用 --fix-dry-run / --fix cannot write back standard input; use --fix-dry-run');
  if (stdin && convertTo && !v['fix-dry-run']) {
    throw new UsageError('标准输入不能用 --convert-to 写回，请加上 --fix-dry-run / --convert-to cannot write back standard input; add --fix-dry-run');
  }
  const annotate = v.annotate?.trim();
  if (annotate !== undefined && annotate !== '' && !/\.docx$/i.test(annotate)) {
    throw new UsageError(`--annotate 的输出文件应以 .docx 结尾，收到“${v.annotate}” / --annotate=<file> must name a .docx`);
  }
  const extensions = (v.ext ?? '.txt,.md,.docx')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => (e.startsWith('.') ? e : `.${e}`));
  return {
    patterns: patterns.filter((p) => p !== '-'),
    format,
    fix: v.fix === true,
    fixDryRun: v['fix-dry-run'] === true,
    fixLevel,
    ...(v.config !== undefined ? { config: v.config } : {}),
    rules,
    ...(maxWarnings !== undefined && maxWarnings >= 0 ? { maxWarnings } : {}),
    quiet: v.quiet === true,
    concurrency,
    ...(v['no-color'] ? { color: false } : v.color ? { color: true } : {}),
    version: v.version === true,
    help: v.help === true,
    listRules: v['list-rules'] === true,
    init: v.init === true,
    stdin,
    ...(v['stdin-filename'] !== undefined ? { stdinFilename: v['stdin-filename'] } : {}),
    extensions,
    ...(convertTo ? { convertTo } : {}),
    ignore: v['no-ignore'] !== true,
    maxFileSizeMb,
    ...(annotate !== undefined ? { annotate } : {}),
  };
}

/** `--name` alone becomes `--name=` (before a `--` that ends the options), so that parseArgs reads it as an empty value. */
function withOptionalValues(argv: readonly string[], names: readonly string[]): string[] {
  const end = argv.indexOf('--');
  return argv.map((arg, i) => ((end < 0 || i < end) && names.includes(arg) ? `${arg}=` : arg));
}

/** The two usage lines, shown when there is nothing to lint. */
export const USAGE = `用法 Usage: speechlint [选项 options] <文件|目录|通配符 files|dirs|globs…>
       speechlint [选项] -            从标准输入读取 read standard input
`;

export const HELP = `${USAGE}
检查讲话稿中的模板占位符、网站残留、拼音注音、繁简混用、半角标点等问题。
Proofreads Chinese speech drafts. Directories are searched for .txt, .md and .docx files.

输出 Output:
  -f, --format <name>       stylish（默认 default）| json | sarif | github |
                            gitlab（Code Quality）| junit
  -q, --quiet               只报告错误 report errors only
      --max-warnings <n>    警告超过 n 个时以 1 退出 exit 1 when warnings exceed n
      --no-color            不使用颜色 disable colours (also NO_COLOR=1)

修复 Fixing:
      --fix                 自动修复并写回文件 apply fixes and write files back
      --fix-dry-run         只显示修复结果，不写文件 show the fixes without writing
      --fix-level <level>   修复到哪一级 which fixes apply: safe（只做确定的局部修改）|
                            residue（默认，另删除网站残留）| suggestion（另采用首选建议：
                            重新编号、繁简转换、删除重复，需逐一核对）
                            safe only | residue (default) | suggestion (also preferred suggestions)
      --convert-to <script> 整篇转换为 simplified（简体）或 traditional（繁体）
                            convert whole documents (writes back; with --fix-dry-run shows a diff)
                            Word 文档（.docx）的修复与转换以修订（作者 SpeechLint）写入，逐条接受或拒绝
                            in a .docx, fixes and conversions are written as tracked changes
      --annotate[=<out.docx>]
                            为每个 Word 文档另存一份带批注的副本（默认 <文件名>.批注.docx），原文件不动
                            write a copy of each .docx with a comment on every finding

配置 Configuration:
  -c, --config <file>       使用此配置文件，不再向上查找 .speechlintrc.json
      --rule <id>=<level>   覆盖规则级别 off|warning|error|info|hint（可重复 repeatable）
      --ext <list>          目录中检查的扩展名 extensions to search, default .txt,.md,.docx
      --no-ignore           不使用配置中的 ignore 列表 disregard the config's ignore list
      --max-file-size <MB>  跳过大于此大小的文件和标准输入，默认 ${DEFAULT_MAX_FILE_SIZE_MB}，0 为不限
                            skip files (and stdin) larger than this, default ${DEFAULT_MAX_FILE_SIZE_MB} MB, 0 = no limit
      --concurrency <n>     同时检查的线程数 threads that lint: off（默认，一个）| auto（按核数，
                            文件较多时）| 正整数；输出与单线程完全相同 output identical to off
      --stdin               读取标准输入 read standard input
      --stdin-filename <f>  标准输入的文件名（决定 markdown 模式与配置查找）

其他 Other:
      --init                在当前文件夹写一个带注释的 .speechlintrc.json（已有则不动）
                            write a commented starter .speechlintrc.json here (never overwrites)
      --list-rules          列出全部规则 list rules
  -v, --version             版本 version
  -h, --help                帮助 help

退出码 Exit codes: 0 无错误 no errors; 1 有错误或警告超限 lint errors or too many warnings;
                   2 用法、配置或读写错误 usage, config or I/O error
`;
