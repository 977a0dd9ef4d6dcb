// Counts the work a call does, without a clock: the number is the same on an idle laptop and on
// a CI machine with both cores busy, so a test can compare it between input sizes exactly.
//
// Two measures, kept apart (a quadratic one must not hide under a large linear other):
// - `js`: blocks of JavaScript executed (function bodies, loop bodies, branches), from V8's
//   precise block coverage through the inspector. Every loop of every rule and helper is seen
//   without instrumenting the code, including loops written after this file.
// - `builtins`: what the built-ins called meanwhile must look at. V8 runs a regular expression,
//   an indexOf or a spread natively, out of the coverage's sight; while counting, the usual
//   scanning built-ins are wrapped and charged by the characters or elements they scan. A regex
//   call is charged by the positions its search must at least try (from lastIndex to the end of
//   the match, or to the end of the input when nothing matched); its backtracking inside one
//   attempt is invisible here, which is why every regex seen is also recorded (`regexes`) for
//   a static ReDoS analysis.
// Not counted: native code behind a module (the nodejieba segmenter).
//
// Block coverage only instruments functions compiled after it starts, so this module starts it
// when it is loaded: import it before anything that it is to measure (its first import).
import { Session } from 'node:inspector';

const session = new Session();
session.connect();

/** Posts an inspector command; an in-process session answers synchronously. */
function post<T>(method: string, params?: object): T {
  let answer: { error: Error | null; result?: T } | undefined;
  session.post(method, params ?? {}, (error, result) => (answer = { error, result: result as T }));
  if (!answer) throw new Error(`${method}: no synchronous answer from the inspector`);
  if (answer.error) throw answer.error;
  return answer.result!;
}

post('Profiler.enable');
post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

interface ScriptCoverage {
  url: string;
  functions: { functionName: string; ranges: { startOffset: number; count: number }[] }[];
}

/** Block executions since the last reset, by function (`name@script:offset`), Node's own scripts left out. */
function takeBlocks(byFunction?: Map<string, number>): number {
  const { result } = post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage');
  let blocks = 0;
  for (let s = 0; s < result.length; s++) {
    const script = result[s]!;
    if (script.url.startsWith('node:') || script.url === '') continue;
    for (let f = 0; f < script.functions.length; f++) {
      const fn = script.functions[f]!;
      let count = 0;
      for (let r = 0; r < fn.ranges.length; r++) count += fn.ranges[r]!.count;
      blocks += count;
      if (byFunction && count > 0) {
        const key = `${fn.functionName || '(anonymous)'}@${script.url.slice(script.url.lastIndexOf('/') + 1)}:${fn.ranges[0]!.startOffset}`;
        byFunction.set(key, (byFunction.get(key) ?? 0) + count);
      }
    }
  }
  return blocks;
}

export interface Work {
  /** JavaScript blocks executed. */
  js: number;
  /** Characters and elements scanned by built-ins (regex searches included). */
  builtins: number;
  /** With `detailed`: the blocks by function and the built-ins' charges by name, to find where work grows. */
  functions?: Map<string, number>;
  calls?: Map<string, number>;
}

let charged = 0;
let counting = false;
/** Charges by built-in, while a detailed count runs. */
let byBuiltin: Map<string, number> | undefined;

function charge(name: string, amount: number): void {
  charged += amount;
  if (byBuiltin) byBuiltin.set(name, (byBuiltin.get(name) ?? 0) + amount);
}
const regexesSeen = new Set<RegExp>();

/** Every regular expression executed while counting, as `/source/flags` (for a static analysis). */
export function regexes(): Set<string> {
  return new Set([...regexesSeen].map((r) => `/${r.source}/${r.flags}`));
}

/** Work done by `call()`. Counting slows the call down several times: tests only. */
export function workOf(call: () => unknown, options: { detailed?: boolean } = {}): Work {
  install();
  // Resets the counters. Its result is not looked at: a loop over it would count (that of the
  // take below is, but the next reset discards it).
  post('Profiler.takePreciseCoverage');
  charged = 0;
  byBuiltin = options.detailed ? new Map() : undefined;
  counting = true;
  try {
    call();
  } finally {
    counting = false;
  }
  const builtins = charged;
  const calls = byBuiltin;
  byBuiltin = undefined;
  const functions = options.detailed ? new Map<string, number>() : undefined;
  const js = takeBlocks(functions);
  return functions ? { js, builtins, functions, calls } : { js, builtins };
}

// ---- charging the built-ins ----------------------------------------------------------------

type Method = (this: any, ...args: any[]) => any;
let installed = false;

/** `/^…/` without the m flag and without a top-level `|` is tried at one position only. */
function anchored(regex: RegExp): boolean {
  const source = regex.source;
  if (source[0] !== '^' || regex.multiline) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

function wrap(target: object, name: string | symbol, cost: (self: any, args: any[], result: any) => number): void {
  const original = (target as Record<string | symbol, Method>)[name]!;
  const label = `${target === Array.prototype ? 'Array' : 'String'}.${String(name)}`;
  const wrapper: Method = function (this: any, ...args: any[]) {
    const result = Reflect.apply(original, this, args);
    if (counting) {
      // The charge itself may call a wrapped built-in: not counted.
      counting = false;
      charge(label, cost(this, args, result));
      counting = true;
    }
    return result;
  };
  Object.defineProperty(wrapper, 'name', { value: original.name });
  Object.defineProperty(target, name, { value: wrapper, writable: true, configurable: true, enumerable: false });
}

/** Wraps an iterator-returning method so that each step is charged one. */
function wrapIterator(target: object, name: string | symbol): void {
  const original = (target as Record<string | symbol, Method>)[name]!;
  const label = `${target === Array.prototype ? 'Array' : 'String'} iterator`;
  const wrapper: Method = function (this: any) {
    const iterator = Reflect.apply(original, this, []);
    return {
      next() {
        if (counting) charge(label, 1);
        return iterator.next();
      },
      [Symbol.iterator]() {
        return this;
      },
    };
  };
  Object.defineProperty(wrapper, 'name', { value: original.name });
  Object.defineProperty(target, name, { value: wrapper, writable: true, configurable: true, enumerable: false });
}

const length = (self: { length: number }) => self.length + 1;
/** From `from` (default 0, negative from the end) to the hit, or to the end. */
function scanned(size: number, fromArg: unknown, hit: number, needle = 1): number {
  let from = fromArg === undefined ? 0 : Math.trunc(Number(fromArg)) || 0;
  if (from < 0) from = Math.max(0, size + from);
  return (hit >= 0 ? hit + needle : size) - Math.min(from, size) + 1;
}

/** What `lastIndexOf(needle, from)` scans: from `from` back to the hit, or to the start. */
function scannedBack(size: number, fromArg: unknown, hit: number): number {
  let from = fromArg === undefined ? size : Math.trunc(Number(fromArg));
  if (Number.isNaN(from)) from = size;
  from = Math.max(0, Math.min(from, size));
  return from - (hit >= 0 ? hit : 0) + 1;
}

/**
 * Wraps the built-ins that scan. Wrapping RegExp.prototype.exec is enough for every regex
 * method (test, match, matchAll, replace, split, search call it once it is not the original).
 * Installed once, on the first count: it only charges while counting, but V8's fast paths for
 * regexes and iteration stay off for the rest of the process (this file is for tests only).
 */
function install(): void {
  if (installed) return;
  installed = true;
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const text = String(input);
    const from = this.global || this.sticky ? Math.min(this.lastIndex, text.length) : 0;
    const match = exec.call(this, text);
    if (counting) {
      regexesSeen.add(this);
      const label = byBuiltin ? `${this}.exec` : '';
      if (match) charge(label, match.index + match[0].length - from + 1);
      else charge(label, this.sticky || anchored(this) ? 1 : text.length - from + 1);
    }
    return match;
  };

  const strings = String.prototype;
  wrap(strings, 'indexOf', (self: string, [needle, from], hit: number) => scanned(self.length, from, hit, String(needle).length));
  wrap(strings, 'lastIndexOf', (self: string, [, from], hit: number) => scannedBack(self.length, from, hit));
  wrap(strings, 'includes', (self: string, [needle, from]) => scanned(self.length, from, self.indexOf(String(needle), from), String(needle).length));
  wrap(strings, 'startsWith', (_self, [needle]) => String(needle).length + 1);
  wrap(strings, 'endsWith', (_self, [needle]) => String(needle).length + 1);
  // A regex argument is charged through exec.
  for (const name of ['split', 'replace', 'replaceAll']) wrap(strings, name, (self: string, [pattern]) => (pattern instanceof RegExp ? 1 : length(self)));
  for (const name of ['normalize', 'toLowerCase', 'toUpperCase', 'trim', 'trimStart', 'trimEnd']) wrap(strings, name, length);
  wrap(strings, 'repeat', (_self, _args, result: string) => result.length + 1);
  wrapIterator(strings, Symbol.iterator);

  const arrays = Array.prototype;
  wrap(arrays, 'indexOf', (self: unknown[], [, from], hit: number) => scanned(self.length, from, hit));
  wrap(arrays, 'includes', (self: unknown[], [needle, from]) => scanned(self.length, from, self.indexOf(needle, from)));
  wrap(arrays, 'lastIndexOf', length);
  // What they copy or move.
  for (const name of ['slice', 'concat', 'join', 'splice', 'shift', 'unshift', 'reverse', 'fill', 'flat', 'copyWithin', 'toReversed', 'toSpliced', 'with']) {
    if (name in arrays) wrap(arrays, name, length);
  }
  // With a comparator the comparisons run as JavaScript and are counted as blocks.
  for (const name of ['sort', 'toSorted']) {
    if (name in arrays) wrap(arrays, name, (self: unknown[], [compare]) => (compare ? length(self) : Math.ceil(self.length * Math.log2(self.length + 1)) + 1));
  }
  // Spread, for…of, Array.from, new Set(array): each element taken.
  wrapIterator(arrays, 'values');
  Object.defineProperty(arrays, Symbol.iterator, { value: arrays.values, writable: true, configurable: true, enumerable: false });
}
