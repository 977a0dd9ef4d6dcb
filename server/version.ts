import packageJson from '../package.json' with { type: 'json' };

/** The package version: shown by --version, in SARIF, and pinned into rule documentation links. */
export const VERSION: string = packageJson.version;
