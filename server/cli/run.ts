import { dirname, extname, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { findRule, lint, RULES, type ConfigFile, type DocumentLanguage, type Finding, type LintOptions } from '../../rules/index.js';
import { CONFIG_FILE_NAME, ConfigError, effectiveConfig, findConfig, hasSpeechlintKey, loadConfigFile, type LoadedConfig } from '../config-loader.js';
import { starterConfigText } from '../starter-config.js';
import { HELP, parseCliArgs, USAGE, UsageError, type CliOptions } from './args.js';
import { expandPatterns } from './files.js';
import { countFindings, FORMATTERS, type LintResult } from './formatters/index.js';
import { DocxError, readDocx, type DocxParagraph, type DocxText } from '../docx/read-docx.js';
import { REVISION_AUTHOR, reviseDocx } from '../docx/revise-docx.js';
import { annotateDocx, findingComments } from '../docx/annotate-docx.js';
import { plural } from './formatters/stylish.js';
import { LintPool, type WorkerOutcome } from './lint-pool.js';
import { processText, type ProcessedText, type ProcessMode, type TextJob } from './process-text.js';
import { VERSION } from '../version.js';
import { decodeText, encodeText, TextFileError, type DecodedText } from './text-file.js';
import { createFileAtomic, describeFileError, writeFileReplacing, FileTooLargeError, MB, NODE_FS, readFileLimited, writeFileAtomic, type CliFs, type FileSnapshot } from './file-access.js';

export { VERSION } from '../version.js';

export interface CliIO {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /**
   * Reads standard input; absent when there is none to read. Given `maxBytes` (> 0) it may stop
   * once more than that has arrived: the CLI refuses the input then anyway.
   */
  readStdin?: (maxBytes?: number) => Promise<Buffer>;
  /** Whether standard input is a terminal (then it is not read implicitly). */
  stdinIsTTY?: boolean;
  /** The file-system calls used to read and write drafts (default node:fs); tests inject failures. */
  fs?: CliFs;
  /**
   * The CLI's own script, to start lint workers from (see lint-pool.ts); without it every file
   * is linted on this thread.
   */
  workerScript?: string;
  /** Every job waits for a worker instead of running here (tests: the worker path, deterministically). */
  workersOnly?: boolean;
}

/** Exit codes: a public contract. */
export const EXIT_OK = 0;
export const EXIT_LINT_ERRORS = 1;
export const EXIT_FAILURE = 2;

const STDIN_PATH = '<stdin>';
/** Characters of report collected before a write to stdout. */
const WRITE_BATCH = 64 * 1024;

/** Runs the CLI and resolves with its exit code; never throws for user mistakes or bad input. */
export async function run(io: CliIO): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(io.argv);
    for (const id of Object.keys(options.rules)) {
      if (!findRule(id)) throw new UsageError(`未知规则“${id}”，可用 --list-rules 查看 / unknown rule id`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`speechlint: ${error.message}\n用 --help 查看用法 / see --help\n`);
    return EXIT_FAILURE;
  }
  if (options.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  if (options.listRules) {
    io.stdout.write(listRules());
    return EXIT_OK;
  }
  if (options.init) return writeStarterConfig(io);

  const useStdin = options.stdin || (options.patterns.length === 0 && io.stdinIsTTY === false && !!io.readStdin);
  // Piped input with --fix (or --convert-to without --fix-dry-run) has nowhere to be written
  // back: say so rather than discard the result with exit 0.
  if (useStdin && !options.stdin && (options.fix || (options.convertTo !== undefined && !options.fixDryRun))) {
    io.stderr.write('speechlint: 标准输入不能写回，请改用 --fix-dry-run 查看修复结果 / standard input cannot be written back; use --fix-dry-run\n用 --help 查看用法 / see --help\n');
    return EXIT_FAILURE;
  }
  const noInput = () => {
    io.stderr.write(`speechlint: 请指定要检查的文件或目录，或用 - 读取标准输入 / no files given\n${USAGE}用 --help 查看全部选项 / see --help\n`);
    return EXIT_FAILURE;
  };
  if (!useStdin && options.patterns.length === 0) return noInput();

  let explicitConfig: LoadedConfig | undefined;
  if (options.config) {
    try {
      explicitConfig = loadConfigFile(resolve(io.cwd, options.config));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr.write(`speechlint: ${error.message}\n`);
      return EXIT_FAILURE;
    }
  }
  const configCache = new Map<string, LoadedConfig | null>();
  const reportedConfigErrors = new Set<string>();
  const configFor = (file: string): LoadedConfig | undefined => explicitConfig ?? findConfig(dirname(file), configCache);
  const cliLayer: ConfigFile = { rules: options.rules };

  const color = options.color ?? (io.stdout.isTTY === true && !io.env.NO_COLOR && io.env.TERM !== 'dumb');
  const formatter = FORMATTERS[options.format]({ cwd: io.cwd, color: io.env.FORCE_COLOR && options.color !== false ? true : color, version: VERSION, rules: RULES });
  // Each file's result is written as soon as it is ready and then dropped. Only with
  // --fix-dry-run does the report wait (as text) until every diff has been shown.
  const deferredReport: string[] = [];
  const holdReport = options.fixDryRun && options.format !== 'json';
  const totals = { errors: 0, warnings: 0 };
  const report = (result: LintResult) => {
    const counts = countFindings(result);
    totals.errors += counts.errorCount;
    totals.warnings += counts.warningCount;
    // The formatter hands over small pieces; they go out in batches, each file's last with it.
    let batch = '';
    const flush = () => {
      if (batch === '') return;
      if (holdReport) deferredReport.push(batch);
      else io.stdout.write(batch);
      batch = '';
    };
    formatter.file(result, (text) => {
      batch += text;
      if (batch.length >= WRITE_BATCH) flush();
    });
    flush();
  };
  let failed = false;
  const fail = (path: string, message: string) => {
    failed = true;
    io.stderr.write(`speechlint: ${path}: ${message}\n`);
  };

  const fs = io.fs ?? NODE_FS;
  const maxBytes = Math.floor(options.maxFileSizeMb * MB);
  const inputs: { path: string; stdin?: true; read: () => Promise<FileSnapshot | Buffer> | FileSnapshot }[] = [];
  if (useStdin) {
    const name = options.stdinFilename ? resolve(io.cwd, options.stdinFilename) : STDIN_PATH;
    inputs.push({
      path: name,
      stdin: true,
      read: async () => {
        const bytes = io.readStdin ? await io.readStdin(maxBytes) : Buffer.alloc(0);
        if (maxBytes > 0 && bytes.length > maxBytes) throw new FileTooLargeError(undefined, maxBytes);
        return bytes;
      },
    });
  }
  if (options.patterns.length > 0) {
    let list;
    try {
      list = expandPatterns(options.patterns, {
        cwd: io.cwd,
        extensions: options.extensions,
        fs,
        ...(options.ignore ? { configFor: (f: string) => safeConfigFor(f) } : {}),
      });
    } catch (error) {
      io.stderr.write(`speechlint: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
    for (const pattern of list.unmatched) fail(pattern, '找不到匹配的文件 / no files match this pattern');
    for (const file of list.ignoredExplicit) io.stderr.write(`speechlint: ${file}: 按配置的 ignore 列表忽略 / ignored by the config's ignore list\n`);
    for (const skipped of list.skipped) {
      const message = describeFileError(skipped.error, 'read');
      if (skipped.fatal) fail(relative(io.cwd, skipped.path) || skipped.path, message);
      else io.stderr.write(`speechlint: ${relative(io.cwd, skipped.path) || skipped.path}: ${message}\n`);
    }
    for (const file of list.files) inputs.push({ path: file, read: () => readFileLimited(file, maxBytes, fs) });
  }

  function safeConfigFor(file: string): LoadedConfig | undefined {
    try {
      return configFor(file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return undefined; // reported when the file itself is linted
    }
  }

  type Input = (typeof inputs)[number];
  type Base = { filePath: string; displayPath: string; source: string; findings: Finding[]; paragraphs?: DocxParagraph[] };
  /** A file read and its config found, ready to process; or why it cannot be. Nothing printed yet. */
  type Prepared =
    | { kind: 'no-input' }
    | { kind: 'unreadable'; base: Base; message: string }
    | { kind: 'bad-config'; base: Base; error: ConfigError }
    | { kind: 'job'; input: Input; base: Base; decoded: DecodedText; snapshot?: FileSnapshot; job: TextJob; onWorker?: Promise<WorkerOutcome>; docx?: Uint8Array };

  const mode: ProcessMode = { fix: options.fix, fixDryRun: options.fixDryRun, fixLevel: options.fixLevel, quiet: options.quiet, ...(options.convertTo ? { convertTo: options.convertTo } : {}) };

  const pool = startPool(io, options, inputs.length, () => inputs.reduce((n, input) => n + (input.stdin ? 0 : sizeOf(input.path)), 0));

  const prepare = async (input: Input): Promise<Prepared> => {
    const displayPath = input.path === STDIN_PATH ? STDIN_PATH : relative(io.cwd, input.path) || input.path;
    const base: Base = { filePath: input.path, displayPath, source: '', findings: [] };
    let decoded: DecodedText;
    let snapshot: FileSnapshot | undefined;
    let docx: DocxText | undefined;
    let docxBytes: Uint8Array | undefined;
    try {
      const read = await input.read();
      // No arguments and an empty standard input (a script, a hook with stdin closed): the user
      // meant to name files, so show how rather than report an empty <stdin> as clean.
      if (input.stdin && !options.stdin && Buffer.isBuffer(read) && read.length === 0) return { kind: 'no-input' };
      snapshot = Buffer.isBuffer(read) ? undefined : read;
      const bytes = Buffer.isBuffer(read) ? read : read.bytes;
      if (isWordDocument(input.path)) {
        docx = readDocx(bytes);
        docxBytes = bytes;
        decoded = { text: docx.text, encoding: 'utf8', bom: false };
      } else decoded = decodeText(bytes);
    } catch (error) {
      const message = error instanceof TextFileError || error instanceof DocxError ? error.message : describeFileError(error, 'read', options.maxFileSizeMb);
      return { kind: 'unreadable', base, message };
    }
    let project: LoadedConfig | undefined;
    try {
      project = input.path === STDIN_PATH ? explicitConfig ?? findConfig(io.cwd, configCache) : configFor(input.path);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { kind: 'bad-config', base: { ...base, source: decoded.text }, error };
    }
    const lintOptions: LintOptions = {
      language: languageOf(input.path),
      config: effectiveConfig({ project: project?.config, commandLine: cliLayer }),
    };
    // A Word document's text is fixed like any text; the fixes go back into it as tracked changes (see finish).
    const job: TextJob = { text: decoded.text, lintOptions, mode };
    const onWorker = io.workersOnly ? pool?.run(job) : pool?.tryRun(job);
    const docxBase = docx ? { ...base, paragraphs: docx.paragraphs } : base;
    return { kind: 'job', input, base: docxBase, decoded, ...(snapshot ? { snapshot } : {}), job, ...(onWorker ? { onWorker } : {}), ...(docxBytes ? { docx: docxBytes } : {}) };
  };

  /** Processes (here, unless a worker has it) and reports one prepared file; false to stop with no input. */
  const finish = async (prepared: Prepared): Promise<boolean> => {
    if (prepared.kind === 'no-input') return false;
    if (prepared.kind === 'unreadable') {
      fail(prepared.base.displayPath, prepared.message);
      report({ ...prepared.base, fatal: prepared.message });
      return true;
    }
    if (prepared.kind === 'bad-config') {
      const { error } = prepared;
      if (!reportedConfigErrors.has(error.path)) {
        reportedConfigErrors.add(error.path);
        io.stderr.write(`speechlint: ${error.message}\n`);
      }
      failed = true;
      report({ ...prepared.base, fatal: `配置文件有误 / invalid configuration: ${error.path}` });
      return true;
    }
    const { input, base, decoded, snapshot } = prepared;
    const { displayPath } = base;
    let result: ProcessedText;
    // A worker that died leaves its job to this thread.
    const outcome = (await prepared.onWorker) ?? runHere(prepared.job);
    if (outcome.ok) result = outcome.value;
    else {
      // A bug, not the user's input: name it, and go on with the other files.
      const message = `内部错误，已跳过此文件 / internal error; file skipped: ${outcome.message}`;
      fail(displayPath, message);
      report({ ...base, source: decoded.text, fatal: message });
      return true;
    }
    if (result.refused) {
      // The net refused the fix run: say so, write nothing, and fail like any unwritable fix.
      fail(displayPath, result.refused);
    } else if (result.summary && (options.fix || options.fixDryRun)) {
      io.stderr.write(`speechlint: ${displayPath}: ${result.summary}\n`);
    }
    // --convert-to writes back like --fix unless --fix-dry-run asks only to show the result.
    const shouldWrite = (options.fix || (options.convertTo !== undefined && !options.fixDryRun)) && !input.stdin;
    /** A Word document as it now stands: its bytes, and its text with every tracked change accepted. */
    let docx = prepared.docx && { bytes: prepared.docx, text: decoded.text };
    if (shouldWrite && snapshot && result.output !== undefined && result.output !== decoded.text) {
      try {
        if (docx) {
          const revised = reviseWordDocument(displayPath, docx.bytes, result.output);
          if (revised.applied > 0) writeFileAtomic(input.path, Buffer.from(revised.bytes), snapshot, fs);
          docx = { bytes: revised.bytes, text: revised.acceptedText };
          // What cannot be written as a change stays as it was, and is reported as such.
          if (revised.acceptedText !== result.output) result = { ...result, output: revised.acceptedText, findings: lint(revised.acceptedText, prepared.job.lintOptions) };
        } else writeFileAtomic(input.path, encodeText(result.output, decoded), snapshot, fs);
      } catch (error) {
        fail(displayPath, error instanceof DocxError ? error.message : describeFileError(error, 'write'));
      }
    }
    const findings = options.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
    if (holdReport && result.output !== undefined && result.output !== decoded.text) {
      io.stdout.write(createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, decoded.text, result.output, '', '', { context: 1 }));
    }
    if (docx && options.annotate !== undefined) annotateWordDocument(input, displayPath, docx, findings);
    report({
      ...base,
      source: result.output ?? decoded.text,
      findings,
      ...(options.fixDryRun && result.output !== undefined ? { output: result.output } : {}),
    });
    return true;
  };

  /** --fix on a Word document: the fixed text as tracked changes, with a line on stderr saying what was written. */
  function reviseWordDocument(displayPath: string, bytes: Uint8Array, fixedText: string) {
    const revised = reviseDocx(bytes, fixedText);
    const skipped = revised.skipped > 0 ? `；另有 ${revised.skipped} 处在域、自动编号或文本框中，无法以修订写入，未改动 / ${revised.skipped} left out (fields, numbering, text boxes)` : '';
    io.stderr.write(`speechlint: ${displayPath}: 已以修订写入 ${revised.applied} 处修改（作者 ${REVISION_AUTHOR}），请在 Word 或 WPS 中逐条接受或拒绝${skipped} / ${plural(revised.applied, 'change', 'changes')} written as tracked changes\n`);
    return revised;
  }

  /** --annotate: a copy of the document with a comment on each finding; the document itself is not touched. */
  function annotateWordDocument(input: Input, displayPath: string, docx: { bytes: Uint8Array; text: string }, findings: readonly Finding[]): void {
    if (!options.annotate && (input.stdin || ANNOTATED_NAME.test(input.path))) return; // no place beside it, or a copy made before
    const target = options.annotate ? resolve(io.cwd, options.annotate) : input.path.replace(/\.docx$/i, '.批注.docx');
    if (resolve(target) === resolve(input.path)) {
      fail(displayPath, '--annotate 不覆盖原文件，请另取文件名 / --annotate never overwrites the document itself');
      return;
    }
    if (options.annotate && annotatedTargets.has(target)) {
      fail(displayPath, `--annotate=${options.annotate} 只能用于一个 Word 文档，多个文档请用 --annotate / one output file for several documents`);
      return;
    }
    annotatedTargets.add(target);
    try {
      const annotated = annotateDocx(docx.bytes, findingComments(findings, docx.text));
      writeFileReplacing(target, Buffer.from(annotated.bytes), fs);
      const moved = annotated.atDocumentStart > 0 ? `，其中 ${annotated.atDocumentStart} 条（页眉、页脚、脚注、文本框中的问题）放在正文开头 / ${annotated.atDocumentStart} on the first paragraph` : '';
      io.stderr.write(`speechlint: ${displayPath}: 已写入带 ${findings.length} 条批注的副本 ${relative(io.cwd, target) || target}${moved} / annotated copy written\n`);
    } catch (error) {
      fail(displayPath, error instanceof DocxError ? error.message : describeFileError(error, 'write'));
    }
  }
  const annotatedTargets = new Set<string>();

  // Files are prepared a few ahead of the one being finished, so that idle workers get some;
  // everything the user sees still happens file by file, in input order, as in a serial run.
  try {
    const ahead: Promise<Prepared>[] = [];
    const lookAhead = pool ? 2 * pool.size + 1 : 0;
    let next = 0;
    while (next < inputs.length || ahead.length > 0) {
      while (next < inputs.length && ahead.length <= lookAhead) {
        // Let the workers' messages in (loaded, done): linting here never yields otherwise.
        if (pool) await new Promise((resolve) => setImmediate(resolve));
        const prepared = prepare(inputs[next++]!);
        // Read in order: the next file is read once this one has been.
        await prepared;
        ahead.push(prepared);
      }
      if (!(await finish(await ahead.shift()!))) return noInput();
    }
  } finally {
    await pool?.close();
  }

  for (const text of deferredReport) io.stdout.write(text);
  io.stdout.write(formatter.end());

  if (failed) return EXIT_FAILURE;
  if (totals.errors > 0) return EXIT_LINT_ERRORS;
  if (options.maxWarnings !== undefined && totals.warnings > options.maxWarnings) {
    io.stderr.write(`speechlint: 警告 ${totals.warnings} 个，超过 --max-warnings ${options.maxWarnings} / too many warnings\n`);
    return EXIT_LINT_ERRORS;
  }
  return EXIT_OK;
}

/** processText on this thread, its error caught. */
function runHere(job: TextJob): { ok: true; value: ProcessedText } | { ok: false; message: string } {
  try {
    return { ok: true, value: processText(job) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Worker threads only for more than a little text: a worker's first file pays for its own JIT
 * warm-up, segmenter and dictionaries. A size that cannot be read counts as none.
 */
const MIN_BYTES_FOR_WORKERS = 256 * 1024;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The pool for this run, or undefined to do everything on this thread. */
function startPool(io: CliIO, options: CliOptions, fileCount: number, totalBytes: () => number): LintPool | undefined {
  if (!io.workerScript || fileCount < 2) return undefined;
  const threads = options.concurrency === 'auto' ? availableParallelism() : options.concurrency;
  if (threads <= 1) return undefined;
  if (options.concurrency === 'auto' && !io.workersOnly && totalBytes() < MIN_BYTES_FOR_WORKERS) return undefined;
  // This thread lints too, so one worker fewer than threads.
  return new LintPool(io.workerScript, Math.min(threads - 1, fileCount - 1));
}

/** The copies --annotate writes, never annotated again when a folder is linted twice. */
const ANNOTATED_NAME = /\.批注\.docx$/i;

function isWordDocument(path: string): boolean {
  return extname(path).toLowerCase() === '.docx';
}

function languageOf(path: string): DocumentLanguage {
  const ext = extname(path).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'markdown' : 'plaintext';
}

function listRules(): string {
  const rows = RULES.map((rule) => {
    const { id, description, defaultSeverity, fixable } = rule.meta;
    return `${id.padEnd(20)} ${defaultSeverity.padEnd(8)} ${fixable ? '可修复 fixable' : '        —     '}  ${description.zh}\n${' '.repeat(47)}${description.en}`;
  });
  return `${'规则 rule'.padEnd(18)} ${'默认级别'.padEnd(4)}  修复 fix\n${rows.join('\n')}\n`;
}

/** `--init`: the commented starter config in the working folder, never over an existing one. */
function writeStarterConfig(io: CliIO): number {
  const target = resolve(io.cwd, CONFIG_FILE_NAME);
  const existing = findConfigHere(io.cwd);
  if (existing) {
    io.stderr.write(`speechlint: ${existing} 已有配置，未改动 / a configuration already exists; nothing written\n`);
    return EXIT_FAILURE;
  }
  try {
    createFileAtomic(target, starterConfigText());
  } catch (error) {
    io.stderr.write(`speechlint: ${CONFIG_FILE_NAME}: ${describeFileError(error, 'write')}\n`);
    return EXIT_FAILURE;
  }
  io.stdout.write(
    `已写入 ${CONFIG_FILE_NAME}：每条规则的默认级别及 ignore、allow、placeholders，可写注释 / wrote ${CONFIG_FILE_NAME} (every rule at its default; comments allowed)\n`,
  );
  return EXIT_OK;
}

/** The config file in this very folder, if any: .speechlintrc.json, or a "speechlint" key in package.json. */
function findConfigHere(dir: string): string | undefined {
  if (existsSync(resolve(dir, CONFIG_FILE_NAME))) return CONFIG_FILE_NAME;
  const pkg = resolve(dir, 'package.json');
  return existsSync(pkg) && hasSpeechlintKey(pkg) ? 'package.json' : undefined;
}
