import type { Rule } from './engine/types.js';
import { dateWeekday } from './date-weekday/index.js';
import { duplicatePassage } from './duplicate-passage/index.js';
import { enumerationCount } from './enumeration-count/index.js';
import { enumerationSequence } from './enumeration-sequence/index.js';
import { fixedFormulation } from './fixed-formulation/index.js';
import { numeralUsage } from './numeral-usage/index.js';
import { phraseOveruse } from './phrase-overuse/index.js';
import { pinyinAnnotation } from './pinyin-annotation/index.js';
import { placeholder } from './placeholder/index.js';
import { punctuationPairing } from './punctuation-pairing/index.js';
import { punctuationWidth } from './punctuation-width/index.js';
import { repeatedPhrase } from './repeated-phrase/index.js';
import { scriptMix } from './script-mix/index.js';
import { templateResidue } from './template-residue/index.js';
import { totalMismatch } from './total-mismatch/index.js';

/**
 * Every rule, sorted by id. Explicit on purpose: bundles cannot discover rules on disk.
 * Rule ids are a public contract (configs and CI depend on them): never rename one.
 */
export const RULES: readonly Rule[] = [
  dateWeekday,
  duplicatePassage,
  enumerationCount,
  enumerationSequence,
  fixedFormulation,
  numeralUsage,
  phraseOveruse,
  pinyinAnnotation,
  placeholder,
  punctuationPairing,
  punctuationWidth,
  repeatedPhrase,
  scriptMix,
  templateResidue,
  totalMismatch,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
