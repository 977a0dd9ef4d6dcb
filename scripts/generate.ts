// `npm run generate`: writes what is generated from the rules' metadata (the config schema and
// the `speechlint.rules` setting in package.json) and the segmenter's cut-down dictionary.
// test/meta.test.ts fails when they drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../rules/index.js';
import { derivedDictionary, DICTIONARY_PATH } from './jieba-dictionary.js';
import { rulesSettingSchema, speechlintrcSchema } from '../server/schema.js';

writeFileSync('schemas/speechlintrc.schema.json', JSON.stringify(speechlintrcSchema(RULES), null, 2) + '\n');
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
manifest.contributes.configuration.properties['speechlint.rules'] = rulesSettingSchema(RULES);
writeFileSync('package.json', JSON.stringify(manifest, null, 2) + '\n');
writeFileSync(DICTIONARY_PATH, derivedDictionary());
console.log('wrote schemas/speechlintrc.schema.json, package.json contributes.configuration and rules/text/jieba/dict.utf8');
