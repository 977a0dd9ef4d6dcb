// The CI recipes users copy (docs/recipes/, .pre-commit-hooks.yaml) stay valid: every
// speechlint command in them parses with the CLI's own argument parser, the report files they
// write are the ones they hand to the CI, and the pre-commit hook runs the package's bin.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { FORMATS, parseCliArgs } from '../server/cli/args.js';

const ROOT = process.cwd();
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Every string value in a parsed YAML tree (run: and script: lines among them). */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

/**
 * The arguments of each `speechlint …` invocation in shell text, up to a redirection, pipe or
 * `||`; one run by xargs gets its files from xargs, so it stands for a pattern of its own.
 */
function invocations(shell: string): string[][] {
  const found: string[][] = [];
  for (const match of shell.replace(/\\\n/g, ' ').matchAll(/(xargs[^|\n]*)?(?:^|[\s|;&])speechlint((?:[ \t]+[^\s|;&>]+)*)/gm)) {
    const args = match[2]!.trim().split(/[ \t]+/).filter(Boolean);
    if (args.length > 0) found.push(match[1] ? [...args, 'file-from-xargs.txt'] : args);
  }
  return found;
}

describe('CI recipes', () => {
  for (const recipe of ['docs/recipes/github-actions.yml', 'docs/recipes/gitlab-ci.yml']) {
    it(`${recipe}: valid YAML whose speechlint commands parse, linked from README`, () => {
      const commands = strings(parse(read(recipe))).flatMap(invocations);
      assert.ok(commands.length >= 2, `${recipe} runs speechlint`);
      for (const args of commands) {
        const options = parseCliArgs(args); // throws a UsageError on an unknown flag or value
        assert.ok(options.patterns.length > 0, `${args.join(' ')} names what to lint`);
        assert.ok(FORMATS.includes(options.format), options.format);
      }
      assert.ok(read('README.md').includes(recipe), `README links ${recipe}`);
    });
  }

  it('github-actions.yml: changed drafts as workflow annotations, everything as SARIF uploaded to code scanning', () => {
    const workflow = parse(read('docs/recipes/github-actions.yml'));
    const steps = Object.values(workflow.jobs as Record<string, { steps: Record<string, any>[] }>).flatMap((job) => job.steps);
    const formats = steps.flatMap((s) => invocations(String(s.run ?? ''))).map((args) => parseCliArgs(args).format);
    assert.deepEqual(formats.sort(), ['github', 'sarif']);
    const sarifRun = steps.find((s) => /--format sarif/.test(String(s.run ?? '')))!;
    const target = /> (\S+)/.exec(sarifRun.run)![1];
    const upload = steps.find((s) => String(s.uses ?? '').startsWith('github/codeql-action/upload-sarif'))!;
    assert.equal(upload.with.sarif_file, target);
  });

  it('gitlab-ci.yml: the code quality and junit reports it declares are the files it writes', () => {
    const job = Object.values(parse(read('docs/recipes/gitlab-ci.yml')) as Record<string, any>)[0];
    const written = new Map<string, string>();
    for (const line of job.script as string[]) {
      const [args] = invocations(line);
      if (args) written.set(parseCliArgs(args).format, /> (\S+)/.exec(line)![1]!);
    }
    assert.equal(written.get('gitlab'), job.artifacts.reports.codequality);
    assert.equal(written.get('junit'), job.artifacts.reports.junit);
    assert.equal(job.artifacts.when, 'always', 'reports are kept when the job fails');
  });

  it('.pre-commit-hooks.yaml runs the package bin on .txt, .md and .docx files only', () => {
    const [hook] = parse(read('.pre-commit-hooks.yaml'));
    const pkg = JSON.parse(read('package.json'));
    assert.equal(hook.id, 'speechlint');
    assert.equal(hook.language, 'node');
    assert.ok(hook.entry in pkg.bin, `entry ${hook.entry} is a bin of the package`);
    const files = new RegExp(hook.files); // pre-commit uses Python's re.search
    for (const path of ['a.txt', 'drafts/讲话稿.md', 'x.y.txt', '讲话稿.docx']) assert.ok(files.test(path), path);
    for (const path of ['a.txt.bak', 'README.markdown', 'package.json', 'a.md~', 'old.doc', '~$讲话稿.docx.tmp']) assert.ok(!files.test(path), path);
    assert.ok(read('README.md').includes('.pre-commit-hooks.yaml'));
  });
});
