// The language server over stdio (--stdio) or IPC (--node-ipc), as the client or any LSP
// editor starts it. Nothing may print to stdout: it carries the protocol.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { RULES, type Rule } from '../rules/index.js';
import { SpeechLintServer } from './lsp/server.js';

/**
 * SPEECHLINT_FAULT_RULE=<rule id> makes that rule throw: lets the end-to-end tests check that
 * one failing rule is contained and the server keeps serving.
 */
function rulesWithInjectedFault(): readonly Rule[] {
  const faulty = process.env.SPEECHLINT_FAULT_RULE;
  if (!faulty) return RULES;
  return RULES.map((rule) =>
    rule.meta.id === faulty
      ? { meta: rule.meta, check: () => { throw new Error(`injected fault in ${faulty}`); } }
      : rule,
  );
}

const connection = createConnection(ProposedFeatures.all);
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
new SpeechLintServer(connection, rulesWithInjectedFault()).listen();
