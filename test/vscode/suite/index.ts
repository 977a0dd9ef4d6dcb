// Entry of the extension-host test suite (VS Code calls run()). Mocha is bundled in; the
// suite runs inside the real extension host, so `vscode` is the real API.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  // Loaded after pre-require so that describe/it exist when the file runs.
  require('./extension.test');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // A closing line CI can read, whatever the reporter prints.
      console.log(`${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
