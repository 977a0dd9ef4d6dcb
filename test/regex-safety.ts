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

/** recheck's verdicts on `regexes` (each `/source/flags`). */
export async function analyse(regexes: readonly string[]): Promise<Verdict[]> {
  return Promise.all(
    regexes.map(async (regex): Promise<Verdict> => {
      const [source, flags] = split(regex);
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
