// Word's automatic numbering (w:numPr, from the paragraph or its style), rendered as a reader
// sees it ("一、", "（二）", "3."), so that the enumeration rules read real Word lists.
import type { SaxesTagNS } from 'saxes';
import { formatChineseNumber } from '../../rules/index.js';
import { attribute, parseWordml, W } from './wordml.js';

interface Level {
  start: number;
  format: string;
  text: string;
  /** After the number: a tab (Word's default), a space, or nothing. */
  suffix: string;
  /** w:isLgl: every level shown in Arabic digits (1.1.1). */
  legal: boolean;
}

/** A paragraph's own numbering properties, or its style's. */
export interface NumberingRef {
  numId?: string;
  ilvl?: number;
  styleId?: string;
}

export class Numbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  /** numId → its abstract definition and level overrides. */
  private readonly nums = new Map<string, { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> }>();
  private readonly styles = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  private readonly counters = new Map<string, number[]>();

  /** From word/numbering.xml and word/styles.xml, either of which a document may lack. */
  constructor(numberingXml?: string, stylesXml?: string) {
    if (numberingXml) this.readNumbering(numberingXml);
    if (stylesXml) this.readStyles(stylesXml);
  }

  /** The label of the next paragraph with `ref` ("一、"), counting it; '' when it has no numbering or is a bullet. */
  next(ref: NumberingRef): string {
    const resolved = this.resolve(ref);
    if (!resolved) return '';
    const { numId, ilvl } = resolved;
    const levels = this.levelsOf(numId);
    const level = levels.get(ilvl);
    if (!level) return '';
    const counts = this.counters.get(numId) ?? [];
    this.counters.set(numId, counts);
    // This level counts on; the levels below it start again.
    counts[ilvl] = counts[ilvl] === undefined ? this.startOf(numId, ilvl, level) : counts[ilvl]! + 1;
    counts.length = ilvl + 1;
    if (level.format === 'bullet' || level.format === 'none') return '';
    const label = level.text.replace(/%([1-9])/g, (_, n: string) => {
      const k = Number(n) - 1;
      const at = levels.get(k);
      const value = counts[k] ?? (at ? this.startOf(numId, k, at) : 1);
      return formatNumber(value, level.legal && k < ilvl ? 'decimal' : (at?.format ?? 'decimal'));
    });
    if (label === '') return '';
    // A Chinese list mark ("一、", "（二）") is followed by no space as typeset; otherwise the suffix shows as one space.
    return /[、．。）)]$/.test(label) || level.suffix === 'nothing' ? label : `${label} `;
  }

  private resolve(ref: NumberingRef): { numId: string; ilvl: number } | undefined {
    let numId = ref.numId;
    let ilvl = ref.ilvl;
    for (let style = ref.styleId, depth = 0; style && depth < 20 && (numId === undefined || ilvl === undefined); depth++) {
      const s = this.styles.get(style);
      if (!s) break;
      numId ??= s.numId;
      ilvl ??= s.ilvl;
      style = s.basedOn;
    }
    // numId 0 takes a style's numbering away.
    if (numId === undefined || numId === '0' || !this.nums.has(numId)) return undefined;
    return { numId, ilvl: ilvl ?? 0 };
  }

  private levelsOf(numId: string): Map<number, Level> {
    const num = this.nums.get(numId)!;
    const base = this.abstracts.get(num.abstractId) ?? new Map<number, Level>();
    if (num.overrides.size === 0) return base;
    const levels = new Map(base);
    for (const [ilvl, o] of num.overrides) if (o.level) levels.set(ilvl, o.level);
    return levels;
  }

  private startOf(numId: string, ilvl: number, level: Level): number {
    return this.nums.get(numId)?.overrides.get(ilvl)?.start ?? level.start;
  }

  private readNumbering(xml: string): void {
    let abstract: Map<number, Level> | undefined;
    let num: { abstractId: string; overrides: Map<number, { start?: number; level?: Level }> } | undefined;
    let override: { start?: number; level?: Level } | undefined;
    let level: { ilvl: number; level: Level } | undefined;
    parse(xml, 'word/numbering.xml', {
      open: (node) => {
        const val = attribute(node, 'val');
        switch (node.local) {
          case 'abstractNum':
            abstract = new Map();
            this.abstracts.set(attribute(node, 'abstractNumId') ?? '', abstract);
            break;
          case 'num':
            num = { abstractId: '', overrides: new Map() };
            this.nums.set(attribute(node, 'numId') ?? '', num);
            break;
          case 'abstractNumId':
            if (num) num.abstractId = val ?? '';
            break;
          case 'lvlOverride':
            override = {};
            num?.overrides.set(Number(attribute(node, 'ilvl') ?? 0), override);
            break;
          case 'startOverride':
            if (override && val !== undefined) override.start = Number(val);
            break;
          case 'lvl':
            level = { ilvl: Number(attribute(node, 'ilvl') ?? 0), level: { start: 1, format: 'decimal', text: '', suffix: 'tab', legal: false } };
            break;
          case 'start':
            if (level && val !== undefined) level.level.start = Number(val);
            break;
          case 'numFmt':
            if (level && val !== undefined) level.level.format = val;
            break;
          case 'lvlText':
            if (level) level.level.text = val ?? '';
            break;
          case 'suff':
            if (level && val !== undefined) level.level.suffix = val;
            break;
          case 'isLgl':
            if (level) level.level.legal = val !== '0' && val !== 'false';
            break;
        }
      },
      close: (node) => {
        if (node.local === 'lvl' && level) {
          if (override) override.level = level.level;
          else abstract?.set(level.ilvl, level.level);
          level = undefined;
        } else if (node.local === 'lvlOverride') override = undefined;
        else if (node.local === 'abstractNum') abstract = undefined;
        else if (node.local === 'num') num = undefined;
      },
    });
  }

  private readStyles(xml: string): void {
    let style: { numId?: string; ilvl?: number; basedOn?: string } | undefined;
    let changeDepth = 0;
    parse(xml, 'word/styles.xml', {
      open: (node) => {
        const val = attribute(node, 'val');
        if (node.local === 'style' && attribute(node, 'type') === 'paragraph') {
          style = {};
          this.styles.set(attribute(node, 'styleId') ?? '', style);
        } else if (node.local === 'pPrChange') changeDepth++;
        else if (style && changeDepth === 0 && val !== undefined) {
          if (node.local === 'basedOn') style.basedOn = val;
          else if (node.local === 'numId') style.numId = val;
          else if (node.local === 'ilvl') style.ilvl = Number(val);
        }
      },
      close: (node) => {
        if (node.local === 'style') style = undefined;
        else if (node.local === 'pPrChange') changeDepth--;
      },
    });
  }
}

/** parseWordml with the callbacks limited to elements of the w: namespace. */
function parse(xml: string, entry: string, on: { open: (node: SaxesTagNS) => void; close: (node: SaxesTagNS) => void }): void {
  parseWordml(xml, entry, { open: (node) => node.uri === W && on.open(node), close: (node) => node.uri === W && on.close(node) });
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** A counter in one of Word's number formats (w:numFmt); unknown formats as Arabic digits. */
export function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'ideographDigital':
      return value >= 0 && value <= 9999 ? formatChineseNumber(value) : String(value);
    case 'ideographTraditional':
      return value >= 1 && value <= 10 ? HEAVENLY_STEMS[value - 1]! : String(value);
    case 'ideographZodiac':
      return value >= 1 && value <= 12 ? EARTHLY_BRANCHES[value - 1]! : String(value);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return value >= 1 && value <= 20 ? CIRCLED[value - 1]! : String(value);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(value).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return value < 10 ? `0${value}` : String(value);
    case 'upperLetter':
    case 'lowerLetter': {
      const letter = String.fromCharCode(65 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
      return format === 'upperLetter' ? letter : letter.toLowerCase();
    }
    case 'upperRoman':
    case 'lowerRoman': {
      const roman = toRoman(value);
      return format === 'upperRoman' ? roman : roman.toLowerCase();
    }
    default:
      return String(value);
  }
}

function toRoman(value: number): string {
  if (value <= 0 || value >= 4000) return String(value);
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [n, s] of table) while (value >= n) (out += s), (value -= n);
  return out;
}
