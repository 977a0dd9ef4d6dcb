// Static ReDoS analysis for the redos test: the regex literals of the sources (found with the
// TypeScript parser, so none is missed in a string or a comment) and recheck's verdict on a
// regex. recheck (https://makenowjust-labs.github.io/recheck/) combines automata theory with
// fuzzing and finds exponential and polynomial backtracking, the search from every start
// position included (`/a*b/` on "aaaa…" is quadratic). Its timeouts are turned off so that the
// verdict depends on step limits only, never on how busy the machine is.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { check, type Parameters } from 'recheck';
import ts from 'typescript';

export interface RegexLiteral {
  /** `/source/flags`, as RegExp.prototype.toString writes it. */
  regex: string;
  /** file:line */
  where: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every regular expression literal in the TypeScript files under `dirs`. */
export function regexLiterals(dirs: readonly string[]): RegexLiteral[] {
  const found: RegexLiteral[] = [];
  for (const file of dirs.flatMap(sourceFiles)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const slash = literal.lastIndexOf('/');
        // Normalised as a RegExp would print itself, so that it meets the regexes seen at run time.
        const regex = String(new RegExp(literal.slice(1, slash), literal.slice(slash + 1)));
        found.push({ regex, where: `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const PARAMS: Parameters = { timeout: null, attackTimeout: null, incubationTimeout: null, seedingTimeout: null };

export interface Verdict {
  regex: string;
  status: 'safe' | 'vulnerable' | 'unknown';
  /** The complexity found ("2nd degree polynomial", "exponential"), or why it is unknown. */
  summary: string;
  /** An input that shows it, as recheck writes it ("'a'.repeat(54773) + '\x00'"). */
  attack?: string;
}

function split(regex: string): [string, string] {
  const slash = regex.lastIndexOf('/');
  return [regex.slice(1, slash), regex.slice(slash + 1)];
}

/** Patterns whose backtracking paths per start position this bound or fewer are linear by proof. */
const MAX_PATHS = 1_000_000;

/**
 * recheck's verdicts on `regexes` (each `/source/flags`). A regex whose every repetition is
 * bounded and whose backtracking paths from one start position number at most MAX_PATHS
 * (see `backtrackingPaths`) is safe by proof and not given to recheck: recheck's automaton
 * expands bounded repetitions and never finishes on some (`/请在.{1,80}上搜索/`).
 */
export async function analyse(regexes: readonly string[]): Promise<Verdict[]> {
  return Promise.all(
    regexes.map(async (regex): Promise<Verdict> => {
      const [source, flags] = split(regex);
      const paths = backtrackingPaths(source);
      if (paths <= MAX_PATHS) return { regex, status: 'safe', summary: `bounded: at most ${paths} backtracking paths from each start position` };
      const result = await check(source, flags, PARAMS);
      if (result.status === 'safe') return { regex, status: 'safe', summary: result.complexity.summary };
      if (result.status === 'vulnerable') return { regex, status: 'vulnerable', summary: result.complexity.summary, attack: result.attack.pattern };
      return { regex, status: 'unknown', summary: `${result.error.kind}${'message' in result.error ? `: ${result.error.message}` : ''}` };
    }),
  );
}

export function describeVerdict(verdict: Verdict, where: ReadonlyMap<string, readonly string[]> = new Map()): string {
  const places = where.get(verdict.regex)?.join(', ') ?? 'built at run time';
  return `${verdict.regex} (${places}): ${verdict.status}, ${verdict.summary}${verdict.attack ? `, e.g. ${verdict.attack}` : ''}`;
}

/**
 * An upper bound on the paths a backtracking matcher can try from one start position of
 * `source`, or Infinity when it has no bound (an unbounded repetition, a back-reference) or the
 * pattern is not understood. Paths of a sequence multiply, of an alternation add, and `x{m,n}`
 * has at most (n + 1) · paths(x)^n; lookarounds run inside the path and multiply like items.
 * Each path costs at most the pattern's length in steps, so a finite bound makes the search over
 * a text of n characters linear: n start positions × a constant.
 */
export function backtrackingPaths(source: string): number {
  let at = 0;
  const fail = (): never => {
    throw new RangeError('not understood');
  };
  const cap = (n: number) => (n > Number.MAX_SAFE_INTEGER ? Infinity : n);
  /** alternation := sequence ('|' sequence)* */
  const alternation = (): number => {
    let total = sequence();
    while (source[at] === '|') {
      at++;
      total = cap(total + sequence());
    }
    return total;
  };
  const sequence = (): number => {
    let total = 1;
    while (at < source.length && source[at] !== '|' && source[at] !== ')') total = cap(total * quantified(atom()));
    return total;
  };
  const atom = (): number => {
    const c = source[at]!;
    if (c === '(') {
      at++;
      if (source.startsWith('?:', at) || source.startsWith('?=', at) || source.startsWith('?!', at)) at += 2;
      else if (source.startsWith('?<=', at) || source.startsWith('?<!', at)) at += 3;
      else if (source.startsWith('?<', at)) {
        const close = source.indexOf('>', at);
        if (close < 0) fail();
        at = close + 1;
      } else if (source[at] === '?') fail();
      const inner = alternation();
      if (source[at] !== ')') fail();
      at++;
      return inner;
    }
    if (c === '[') {
      at++;
      if (source[at] === '^') at++;
      if (source[at] === ']') at++;
      while (at < source.length && source[at] !== ']') at += source[at] === '\\' ? 2 : 1;
      if (source[at] !== ']') fail();
      at++;
      return 1;
    }
    if (c === '\\') {
      const next = source[at + 1];
      if (next === undefined) fail();
      // Back-references make the paths depend on the text.
      if (/[1-9]/.test(next!) || next === 'k') fail();
      if (next === 'u' && source[at + 2] === '{') {
        const close = source.indexOf('}', at);
        if (close < 0) fail();
        at = close + 1;
      } else if (next === 'p' || next === 'P') {
        const close = source[at + 2] === '{' ? source.indexOf('}', at) : at + 2;
        if (close < 0) fail();
        at = close + 1;
      } else if (next === 'x') at += 4;
      else if (next === 'u') at += 6;
      else if (next === 'c') at += 3;
      else at += 2;
      return 1;
    }
    if ('*+?{'.includes(c) && !(c === '{' && !/^\{\d/.test(source.slice(at)))) fail();
    at++;
    return 1;
  };
  const quantified = (paths: number): number => {
    const c = source[at];
    let max: number;
    if (c === '*' || c === '+') max = Infinity;
    else if (c === '?') max = 1;
    else if (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(at, at + 24))) {
      const [, low, comma, high] = /^\{(\d+)(,)?(\d*)\}/.exec(source.slice(at, at + 24))!;
      max = comma === undefined ? Number(low) : high === '' ? Infinity : Number(high);
      at = source.indexOf('}', at);
    } else return paths;
    at++;
    if (source[at] === '?') at++; // lazy: the same paths in another order
    if (max === Infinity) return Infinity;
    return cap((max + 1) * paths ** max);
  };
  try {
    const paths = alternation();
    return at === source.length ? paths : Infinity;
  } catch {
    return Infinity;
  }
}
