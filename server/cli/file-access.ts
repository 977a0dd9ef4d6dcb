import * as nodeFs from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The file-system calls the CLI reads and writes drafts with. `run()` takes them from its
 * caller (default: node:fs), so tests can make a call fail the way the kernel would (EACCES
 * when they run as root, a file edited between read and write) through the real code path.
 */
export type CliFs = Pick<
  typeof nodeFs,
  | 'openSync' | 'closeSync' | 'fstatSync' | 'statSync' | 'lstatSync' | 'readSync' | 'writeSync' | 'fsyncSync' | 'renameSync' | 'unlinkSync' | 'chmodSync'
  | 'readdirSync' | 'realpathSync' | 'ftruncateSync' | 'chownSync'
>;

export const NODE_FS: CliFs = nodeFs;

const GROWTH_CHUNK = 64 * 1024;

/** 1 MB as --max-file-size counts it. */
export const MB = 1024 * 1024;

/**
 * Default --max-file-size. Measured with `node dist/cli.js --format json` (Node 20, 2 cores) on
 * one line without breaks (seed sentences shuffled): 1 MB 3.0 s / 230 MB RSS, 5 MB 7.1 s /
 * 440 MB, 10 MB 12.9 s / 690 MB, 20 MB 26.4 s / 1.7 GB. Text dense with findings ("中,"
 * repeated, one finding every 4 bytes) costs more: 5 MB 19 s / 1.8 GB, 10 MB 45 s / 2.6 GB,
 * near or past the default heap limit (about 2 GB) on a machine with 8 GB of memory. Drafts are
 * tens of KB; 5 MB keeps even the worst case under 2 GB.
 */
export const DEFAULT_MAX_FILE_SIZE_MB = 5;

/** A file as it was read: compared again before --fix replaces it. */
export interface FileSnapshot {
  bytes: Buffer;
  size: number;
  mode: number;
}

/** A file (or standard input) over --max-file-size: not read, or not read further. */
export class FileTooLargeError extends Error {
  constructor(
    /** Bytes, when known (standard input stops being read at the limit). */
    readonly size: number | undefined,
    readonly limit: number,
  ) {
    super(`too large: ${size ?? 'more than'} bytes > ${limit}`);
  }
}

/** A path that exists but is no regular file (a folder, device, pipe or socket). */
export class NotAFileError extends Error {
  constructor(readonly kind: 'directory' | 'other') {
    super(kind === 'directory' ? 'is a directory' : 'not a regular file');
  }
}

/** A symbolic link whose target does not exist (ENOENT) or that leads back to itself (ELOOP). */
export class BrokenLinkError extends Error {
  constructor(readonly code: string) {
    super(code === 'ELOOP' ? 'symbolic link loop' : 'dangling symbolic link');
  }
}

/** The file changed (or vanished) between reading it and writing the fixes back. */
export class FileChangedError extends Error {
  constructor(readonly vanished: boolean) {
    super(vanished ? 'file vanished before writing' : 'file changed before writing');
  }
}

/**
 * Reads a regular file of at most `maxBytes` bytes (0 = no limit). The size is checked on the
 * open descriptor before anything is read, so a huge file is never loaded, and again while
 * reading, in case the file grows meanwhile.
 */
export function readFileLimited(path: string, maxBytes: number, fs: CliFs = NODE_FS): FileSnapshot {
  const fd = fs.openSync(path, 'r');
  try {
    const stats = fs.fstatSync(fd);
    if (stats.isDirectory()) throw new NotAFileError('directory');
    if (!stats.isFile()) throw new NotAFileError('other');
    if (maxBytes > 0 && stats.size > maxBytes) throw new FileTooLargeError(stats.size, maxBytes);
    // One read of the size fstat reported (+1 to notice growth), then smaller ones until EOF.
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(stats.size + 1);
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (maxBytes > 0 && total > maxBytes) throw new FileTooLargeError(total, maxBytes);
      chunk = Buffer.allocUnsafe(GROWTH_CHUNK);
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total), size: total, mode: stats.mode };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Replaces `path` with `data` through a temporary file in the same folder and a rename, so a
 * crash leaves either the old or the new file, never half of one; keeps the file's mode. Just
 * before the rename the file must still hold the bytes that were read (`expected`): if another
 * program has saved it meanwhile, or it is gone, nothing is replaced and FileChangedError is
 * thrown. (A save in the instant between that check and the rename cannot be detected without
 * locks.)
 */
export function writeFileAtomic(path: string, data: Buffer, expected?: FileSnapshot, fs: CliFs = NODE_FS): void {
  // Through a symbolic link the link stays a link: write the file it points to.
  const target = fs.realpathSync(path);
  const stats = statOrVanished(target, fs);
  // A file marked read-only is not ours to change, even where the permissions would allow it.
  if ((stats.mode & 0o222) === 0) throw new ReadOnlyFileError();
  const mode = expected?.mode ?? stats.mode;
  // A hard-linked file would be split by a rename: write it in place (checked first, not atomic).
  if (stats.nlink > 1) return writeInPlace(target, data, expected, fs);
  const temp = writeTempBeside(target, data, mode, fs);
  try {
    fs.chmodSync(temp, mode);
    try {
      // The file keeps its owner and group (a replaced file would otherwise become ours).
      fs.chownSync(temp, stats.uid, stats.gid);
    } catch {
      fs.unlinkSync(temp);
      return writeInPlace(target, data, expected, fs);
    }
    if (expected) assertUnchanged(target, expected, fs);
    fs.renameSync(temp, target);
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // already renamed or never created
    }
    throw error;
  }
}

/**
 * Writes a file SpeechLint makes (an annotated copy of a Word document): a new file through a
 * temporary one and a rename, or an earlier copy replaced as writeFileAtomic replaces a draft.
 */
export function writeFileReplacing(path: string, data: Buffer, fs: CliFs = NODE_FS): void {
  try {
    fs.statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const temp = writeTempBeside(path, data, 0o666, fs);
    try {
      fs.renameSync(temp, path);
    } catch (failure) {
      try {
        fs.unlinkSync(temp);
      } catch {
        // never created, or renamed
      }
      throw failure;
    }
    return;
  }
  writeFileAtomic(path, data, undefined, fs);
}

/** Writes `data` to a new temporary file beside `target`, flushed to disk; its path. Nothing is left behind on failure. */
function writeTempBeside(target: string, data: Buffer, mode: number, fs: CliFs): string {
  const temp = join(dirname(target), `.${basename(target)}.speechlint-${process.pid}-${Date.now()}.tmp`);
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // the failure that matters is the write's
    }
    throw error;
  }
  return temp;
}

/** Overwrites `path` itself (keeping its inode, links, owner and mode), after checking it is unchanged. */
function writeInPlace(path: string, data: Buffer, expected: FileSnapshot | undefined, fs: CliFs): void {
  const fd = fs.openSync(path, 'r+'); // EACCES here when the user may not write the file
  try {
    if (expected) assertUnchanged(path, expected, fs);
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, data, 0, data.length, 0);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A file whose write permission bits are all off: --fix leaves it alone. */
export class ReadOnlyFileError extends Error {
  constructor() {
    super('文件是只读的，修复未写回 / file is read-only; fixes not written');
  }
}

function statOrVanished(path: string, fs: CliFs): Stats {
  try {
    return fs.statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileChangedError(true);
    throw error;
  }
}

function assertUnchanged(path: string, expected: FileSnapshot, fs: CliFs): void {
  const now = statOrVanished(path, fs);
  // Bytes, not timestamps, decide: an editor may save within the file system's mtime
  // granularity, and a mere touch is no change.
  if (now.isFile() && now.size === expected.size) {
    let current: FileSnapshot | undefined;
    try {
      current = readFileLimited(path, 0, fs);
    } catch {
      // unreadable now: treat as changed
    }
    if (current?.bytes.equals(expected.bytes)) return;
  }
  throw new FileChangedError(false);
}

const ERRNO_TEXT: Record<string, [zh: string, en: string]> = {
  ENOENT: ['文件已不存在（检查期间被删除或移走）', 'file vanished (deleted or moved during the run)'],
  EACCES: ['没有权限', 'permission denied'],
  EPERM: ['操作不被允许', 'operation not permitted'],
  EISDIR: ['这是目录，不是文件', 'is a directory, not a file'],
  ENOTDIR: ['路径中有一段不是目录', 'a component of the path is not a directory'],
  ELOOP: ['符号链接循环', 'symbolic link loop'],
  EMFILE: ['打开的文件过多', 'too many open files'],
  ENFILE: ['打开的文件过多', 'too many open files'],
  EIO: ['输入输出错误（磁盘或网络文件系统）', 'input/output error (disk or network file system)'],
  ENOSPC: ['磁盘空间不足', 'no space left on device'],
  EROFS: ['文件系统只读', 'read-only file system'],
  EBUSY: ['文件正被占用', 'file is busy'],
};

/** Describes a failure to read or write a draft, Chinese first: "无法读取：… / cannot read: …". */
export function describeFileError(error: unknown, action: 'read' | 'write', limitMb?: number): string {
  const [zhVerb, enVerb] = action === 'read' ? ['无法读取', 'cannot read'] : ['无法写回', 'cannot write'];
  if (error instanceof FileTooLargeError) {
    const limit = `${limitMb ?? formatMb(error.limit)} MB`;
    const size = error.size === undefined ? undefined : `${formatMb(error.size)} MB`;
    return (
      `太大，超过 --max-file-size 限制 ${limit}${size ? `（实为 ${size}）` : ''}，已跳过；可用 --max-file-size <MB> 调整，0 为不限 / ` +
      `too large: over the --max-file-size limit of ${limit}${size ? ` (${size})` : ''}; skipped — set another limit with --max-file-size <MB>, 0 = none`
    );
  }
  if (error instanceof NotAFileError) {
    return error.kind === 'directory'
      ? `${zhVerb}：这是目录，不是文件 / ${enVerb}: is a directory, not a file`
      : `${zhVerb}：不是普通文件（设备、管道或套接字） / ${enVerb}: not a regular file (device, pipe or socket)`;
  }
  if (error instanceof BrokenLinkError) {
    return error.code === 'ELOOP'
      ? '符号链接循环（链接最终指回自身），已跳过 / symbolic link loop; skipped'
      : '符号链接的目标不存在，已跳过 / dangling symbolic link (its target does not exist); skipped';
  }
  if (error instanceof FileChangedError) {
    return error.vanished
      ? '文件在检查期间已被删除或移走，修复未写回 / file vanished during the run; fixes not written'
      : '文件在检查期间被其他程序修改，为免覆盖新内容，修复未写回；请重新运行 / file changed on disk during the run; fixes not written so as not to overwrite the newer content — run again';
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known = code ? ERRNO_TEXT[code] : undefined;
  if (known) return `${zhVerb}：${known[0]} / ${enVerb}: ${known[1]} (${code})`;
  return `${zhVerb} / ${enVerb}: ${code ?? (error as Error | undefined)?.message ?? String(error)}`;
}

export function formatMb(bytes: number): string {
  const mb = bytes / MB;
  return mb >= 10 ? mb.toFixed(0) : mb >= 0.1 ? String(Number(mb.toFixed(1))) : String(Number(mb.toFixed(3)));
}

/**
 * Creates `path` with `text` whole or not at all: written to a temporary file, then linked
 * to the name (which fails rather than replace a file someone created meanwhile).
 */
export function createFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.speechlint-${process.pid}-${Date.now()}.tmp`);
  nodeFs.writeFileSync(temp, text, { flag: 'wx' });
  try {
    nodeFs.linkSync(temp, path);
  } finally {
    nodeFs.unlinkSync(temp);
  }
}
