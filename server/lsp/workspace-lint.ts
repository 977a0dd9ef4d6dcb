// The "lint the whole workspace" command: the drafts on disk that no editor has open, found
// and read exactly as the CLI finds and reads them (ignore lists, encodings).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expandPatterns } from '../cli/files.js';
import { decodeText } from '../cli/text-file.js';
import type { LoadedConfig } from '../config-loader.js';

export interface ClosedFileLinting {
  isOpen(uri: string): boolean;
  /** The config in force for a folder (may throw: such a file is linted with the settings). */
  configFor(dir: string): LoadedConfig | undefined;
  /** Lints and publishes one document; returns its number of findings. */
  lint(document: TextDocument): Promise<number>;
}

/** Lints the closed .txt/.md files of `folders` one at a time, yielding between them; returns the findings counted. */
export async function lintClosedFiles(folders: readonly string[], how: ClosedFileLinting): Promise<number> {
  const { files } = expandPatterns(folders, {
    cwd: folders[0] ?? '.',
    extensions: ['.txt', '.md'],
    configFor: (file) => {
      try {
        return how.configFor(dirname(file));
      } catch {
        return undefined;
      }
    },
  });
  let count = 0;
  for (const file of files) {
    const uri = pathToFileURL(file).href;
    if (how.isOpen(uri)) continue;
    let text: string;
    try {
      text = decodeText(readFileSync(file)).text;
    } catch {
      continue; // unreadable or not text: nothing to show
    }
    count += await how.lint(TextDocument.create(uri, file.endsWith('.md') ? 'markdown' : 'plaintext', 0, text));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return count;
}
