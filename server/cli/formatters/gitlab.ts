import { createHash } from 'node:crypto';
import type { Finding } from '../../../rules/index.js';
import type { Formatter, LintResult } from './types.js';

/** GitLab's five levels; ESLint's GitLab formatters map error → major, warning → minor. */
const SEVERITY = { error: 'major', warning: 'minor', info: 'info', hint: 'info' } as const;
/** Characters either side of a finding that identify it when lines above it move. */
const FINGERPRINT_CONTEXT = 40;

/**
 * GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array of issues with
 * description, check_name, fingerprint, severity and location. The fingerprint must stay the
 * same while a finding stays, so that a merge request shows only new and fixed ones: it hashes
 * the path, rule, message and the text around the finding (not its line number), plus the
 * how-many-th such finding it is in the file.
 */
export const gitlab: Formatter = () => {
  let count = 0;
  const issue = (item: object) => `${count++ === 0 ? '[\n' : ',\n'}${JSON.stringify(item)}`;
  return {
    file(result, write) {
      const path = result.displayPath.split('\\').join('/');
      if (result.fatal) {
        write(issue({
          description: result.fatal,
          check_name: 'speechlint',
          fingerprint: fingerprintOf([path, 'fatal', result.fatal]),
          severity: 'blocker',
          location: { path, lines: { begin: 1 } },
        }));
      }
      const seen = new Map<string, number>();
      for (const f of result.findings) {
        const key = [path, f.ruleId, f.message, contextOf(result, f)].join('\u0000');
        const occurrence = (seen.get(key) ?? 0) + 1;
        seen.set(key, occurrence);
        write(issue({
          description: `${f.message}（${f.ruleId}）`,
          check_name: f.ruleId,
          fingerprint: fingerprintOf([key, String(occurrence)]),
          severity: SEVERITY[f.severity],
          location: {
            path,
            lines: { begin: f.start.line, end: f.end.line },
            positions: { begin: { line: f.start.line, column: f.start.column }, end: { line: f.end.line, column: f.end.column } },
          },
        }));
      }
    },
    end: () => (count === 0 ? '[]\n' : '\n]\n'),
  };
};

function fingerprintOf(parts: readonly string[]): string {
  return createHash('md5').update(parts.join('\u0000')).digest('hex');
}

/** The finding's text with a little of its line around it (bounded: a line may be megabytes). */
function contextOf(result: LintResult, f: Finding): string {
  const { source } = result;
  const before = source.slice(Math.max(0, f.range.start - FINGERPRINT_CONTEXT), f.range.start);
  const after = source.slice(f.range.end, f.range.end + FINGERPRINT_CONTEXT);
  const head = before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1);
  const lineEnd = after.search(/\r|\n/);
  return head + source.slice(f.range.start, f.range.end) + (lineEnd < 0 ? after : after.slice(0, lineEnd));
}
