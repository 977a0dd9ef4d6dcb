import type { Rule } from '../engine/types.js';
import { detectMixedScript, findOtherScript, type Script, type ScriptSpan } from '../text/script.js';
import sharedCharacterList from './shared-characters.txt';
import { MentionIndex } from '../text/chinese.js';

const SCRIPT_NAMES: Record<Script, string> = { simplified: '简体', traditional: '繁体' };

export const scriptMix: Rule = {
  meta: {
    id: 'script-mix',
    description: {
      zh: '简体文本中混入繁体字，或繁体文本中混入简体字',
      en: 'Traditional characters in a Simplified text, or Simplified characters in a Traditional text',
    },
    category: 'script',
    defaultSeverity: 'warning',
    // Converting a character is a choice (a quoted name, a text about characters): a suggestion.
    fixable: false,
    hasSuggestions: true,
    messages: {
      otherScript: '{other}字“{text}”混入{main}文本，应为“{replacement}”',
      otherScriptInPhrase: '“{phrase}”中的“{text}”在{main}文本中应为“{replacement}”',
    },
    options: {
      script: {
        type: 'string',
        enum: ['auto', 'simplified', 'traditional'],
        default: 'auto',
        description: '正文的主体字形：auto 按全文简繁字数自动判断，也可指定 simplified（简体）或 traditional（繁体）',
      },
    },
  },
  check(context) {
    const { prose } = context.document;
    const option = context.options.script;
    let main: Script;
    if (option === 'simplified' || option === 'traditional') {
      main = option;
    } else {
      const detected = detectMixedScript(prose, context.memo);
      if (!detected) return; // one script only: nothing mixed in
      main = detected;
    }
    const other: Script = main === 'simplified' ? 'traditional' : 'simplified';
    const spans = findOtherScript(prose, main, context.memo);
    const isAmbiguous = (span: ScriptSpan) => inSharedWord(prose, span, SHARED[main]);
    const mixedAround = nearUnambiguous(prose, spans, isAmbiguous);
    const mentions = new MentionIndex(prose, main === 'simplified');
    spans.forEach((span, index) => {
      if (isQuotedCharacter(prose, span) || isInTitle(prose, span.start) || mentions.has(span.start)) return;
      // 村里, 照准, 櫃台, 總統咨 (shared-characters.txt): standard in this script too; only a text
      // mixed around them says otherwise. 干部 in a traditional text is still 幹部.
      if (isAmbiguous(span) && !mixedAround[index]) return;
      const range = { start: span.start, end: span.end };
      // 干 is a traditional character too: name the phrase (實干) that makes it wrong here.
      const inPhrase = span.phrase !== undefined && span.phrase !== span.text;
      context.report({
        messageId: inPhrase ? 'otherScriptInPhrase' : 'otherScript',
        data: { text: span.text, replacement: span.replacement, main: SCRIPT_NAMES[main], other: SCRIPT_NAMES[other], phrase: span.phrase ?? '' },
        range,
        suggestions: [{ message: `改为“${span.replacement}”`, edits: [{ range, text: span.replacement }], preferred: true }],
      });
    });
  },
};

/** Words of shared-characters.txt by the main script of the text they may stand in. */
const SHARED: Record<Script, string[]> = { simplified: [], traditional: [] };
for (const line of sharedCharacterList.split('\n')) {
  const [word, script] = line.split('\t');
  if (!word || word.startsWith('#') || (script !== 'simplified' && script !== 'traditional')) continue;
  SHARED[script].push(word);
}

/** Whether the span lies inside an occurrence of one of `words` in the text. */
function inSharedWord(text: string, span: ScriptSpan, words: readonly string[]): boolean {
  return words.some((word) => {
    for (let k = word.indexOf(span.text); k >= 0; k = word.indexOf(span.text, k + 1)) {
      if (text.startsWith(word, span.start - k)) return true;
    }
    return false;
  });
}

/** How close an unambiguous character of the other script must be to count as "mixed around". */
const MIXED_NEAR = 30;

/**
 * For each span (in text order), whether an unambiguous span lies on the same line within
 * MIXED_NEAR characters: one pass with the nearest unambiguous span before and after each.
 */
function nearUnambiguous(text: string, spans: readonly ScriptSpan[], isAmbiguous: (span: ScriptSpan) => boolean): boolean[] {
  const result = new Array<boolean>(spans.length).fill(false);
  const sameLineNear = (a: ScriptSpan, b: ScriptSpan) => {
    const [from, to] = a.start < b.start ? [a.end, b.start] : [b.end, a.start];
    return to - from <= MIXED_NEAR && !text.slice(from, to).includes('\n');
  };
  let previous: ScriptSpan | undefined;
  for (let i = 0; i < spans.length; i++) {
    if (!isAmbiguous(spans[i]!)) previous = spans[i];
    else if (previous && sameLineNear(previous, spans[i]!)) result[i] = true;
  }
  let next: ScriptSpan | undefined;
  for (let i = spans.length - 1; i >= 0; i--) {
    if (!isAmbiguous(spans[i]!)) next = spans[i];
    else if (next && sameLineNear(spans[i]!, next)) result[i] = true;
  }
  return result;
}

const OPEN_QUOTES = '“「『‘"\'';
const CLOSE_QUOTES = '”」』’"\'';

/** A character quoted on its own is talked about, not used: “後”和“后”是两个不同的字. */
function isQuotedCharacter(text: string, span: { start: number; end: number }): boolean {
  return OPEN_QUOTES.includes(text[span.start - 1] ?? '') && CLOSE_QUOTES.includes(text[span.end] ?? '') && [...text.slice(span.start, span.end)].length <= 2;
}

/** Inside a book or article title (《臺灣史綱》): a title keeps its own script. */
function isInTitle(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0 && offset - i <= 40; i--) {
    const c = text[i];
    if (c === '《' || c === '〈') return true;
    if (c === '》' || c === '〉' || c === '\n') return false;
  }
  return false;
}
