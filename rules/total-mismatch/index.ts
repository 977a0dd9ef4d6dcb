import type { ReportDescriptor, Rule } from '../engine/types.js';

/** Powers of ten the unit word carries: 12.5亿元 is 1 250 000 000 元. */
const MULTIPLIERS: Record<string, bigint> = { '': 1n, 千: 1000n, 万: 10_000n, 亿: 100_000_000n, 万亿: 1_000_000_000_000n };
/** Longest first, so that 人次 is not read as 人 after 次. */
const BASE_UNITS = ['千瓦时', '平方米', '公顷', '公里', '人次', '元', '人', '吨', '亩', '户', '家', '个', '项', '辆', '套', '所', '座', '条', '件', '株'];
/** A change, not a stock: "比年初增加38.1亿元", "增长5.3%": never a total or a part. */
const CHANGE = /增长|增加(?!值)|减少|下降|上升|回落|提高|净增|比上年|比年初|同比|人均|平均|累计/u;
/** A rate or a share between the parts ("增长3.2%", "占比重12.1%"): skipped, the list goes on. */
const RATE = /[%％‰]|百分点|比重/u;
/** A clause that starts a new statement rather than naming a part: the list has ended. */
const NEW_STATEMENT = /^(?:培育|新增|获批|获得|认定|开展|实现|完成|引进|建成|新建|入库|通过|全年|全县|全市|全区|全省|年末|年初|共有|另有|此外|同时)/u;
const PARENTHESES = /（[^（）]*）|\([^()]*\)/gu;

interface Amount {
  /** In the base unit, scaled by 10^SCALE so that decimals stay exact. */
  value: bigint;
  /** Half the last written digit, in the same scale: the rounding the figure may carry. */
  rounding: bigint;
  unit: string;
  text: string;
}

const SCALE = 6;

export const totalMismatch: Rule = {
  meta: {
    id: 'total-mismatch',
    description: {
      zh: '合计与分项不符：“其中”列出的各项之和超过总数，“分别为……合计……”加起来不等于合计，占比之和超过100%',
      en: 'Totals and their parts: parts listed after 其中 that add up to more than the total, 分别为…合计… that does not add up, shares above 100%',
    },
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: false,
    scope: 'paragraph',
    hasSuggestions: false,
    messages: {
      partsExceed: '“其中”各项之和为{sum}{unit}，超过总数{total}{unit}',
      totalDiffers: '各项之和为{sum}{unit}，与合计{total}{unit}不符',
      sharesExceed: '各项占比之和为{sum}%，超过100%',
    },
    options: {},
  },
  check(context) {
    const text = context.document.prose;
    // Sentences: a list never runs past 。 or a line break; a semicolon ends it too.
    const sentence = /[^。！？\n]+/gu;
    for (let m = sentence.exec(text); m; m = sentence.exec(text)) {
      if (!m[0].includes('其中') && !m[0].includes('分别')) continue;
      checkSentence(m[0], m.index, context.report.bind(context));
    }
  },
};

function checkSentence(sentence: string, offset: number, report: (d: ReportDescriptor) => void): void {
  // Asides in parentheses ("（其中执业医师9919人）", "（人民医院、中医院……）") are not parts.
  const plain = sentence.replace(PARENTHESES, (aside) => '\u3000'.repeat(aside.length));
  for (const clause of spans(plain, /[^；;]+/gu)) {
    const segments = spans(clause.text, /[^，,、：:]+/gu).map((s) => ({ text: s.text.trim(), start: clause.start + s.start, end: clause.start + s.end }));
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      if (segment.text.startsWith('其中')) checkParts(segments, i, offset, report);
      if (/^(?:合计|共计|总计)/u.test(segment.text)) checkRespectively(segments, i, offset, report);
    }
  }
}

/** "总数T，其中A a，B b……": the parts may leave some out, but never add up to more. */
function checkParts(segments: { text: string; start: number; end: number }[], at: number, offset: number, report: (d: ReportDescriptor) => void): void {
  const own = segments[at]!.text.slice(2).trim(); // "其中城镇人口259358人" or "其中"
  const totalSegment = segments[at - 1];
  const total = totalSegment && !CHANGE.test(totalSegment.text) ? amountOf(totalSegment.text) : undefined;
  const parts: Amount[] = [];
  const shares: { value: bigint; rounding: bigint }[] = [];
  const candidates = [own, ...segments.slice(at + 1).map((s) => s.text)];
  let end = segments[at]!.end;
  for (let k = 0; k < candidates.length; k++) {
    const text = candidates[k]!;
    if (text === '') continue;
    if (k > 0 && (NEW_STATEMENT.test(text) || text.startsWith('其中'))) break;
    const share = shareOf(text);
    if (share) {
      shares.push(share);
      end = segments[at + k]!.end;
      continue;
    }
    if (RATE.test(text) || CHANGE.test(text)) {
      end = segments[at + k]?.end ?? end;
      continue;
    }
    const amount = amountOf(text);
    if (!amount) break;
    if (total && amount.unit !== total.unit) break;
    parts.push(amount);
    end = segments[at + k]!.end;
  }
  const range = { start: offset + (totalSegment?.start ?? segments[at]!.start), end: offset + end };
  if (total && parts.length >= 2) {
    const sum = parts.reduce((s, p) => s + p.value, 0n);
    const slack = parts.reduce((s, p) => s + p.rounding, total.rounding);
    if (sum - total.value > slack) report({ messageId: 'partsExceed', data: { sum: format(sum, parts, total), total: total.text, unit: total.unit }, range });
  }
  if (shares.length >= 2) {
    const sum = shares.reduce((s, p) => s + p.value, 0n);
    const slack = shares.reduce((s, p) => s + p.rounding, 0n);
    if (sum - 100n * 10n ** BigInt(SCALE) > slack) report({ messageId: 'sharesExceed', data: { sum: decimal(sum) }, range: { start: offset + segments[at]!.start, end: offset + end } });
  }
}

/** "分别为A a、B b、C c，合计T": all the parts, so the sum is the total (within rounding). */
function checkRespectively(segments: { text: string; start: number; end: number }[], at: number, offset: number, report: (d: ReportDescriptor) => void): void {
  const total = amountOf(segments[at]!.text.replace(/^(?:合计|共计|总计)为?/u, ''));
  if (!total) return;
  const parts: Amount[] = [];
  let first = -1;
  for (let k = at - 1; k >= 0; k--) {
    const text = segments[k]!.text;
    const after = text.indexOf('分别');
    const amount = amountOf(after < 0 ? text : text.slice(after + 2).replace(/^(?:为|是|达到?)/u, ''));
    if (!amount || amount.unit !== total.unit || CHANGE.test(text)) return;
    parts.unshift(amount);
    first = k;
    if (/分别/u.test(text)) break;
    if (k === 0) return; // no 分别: not this structure
  }
  if (first < 0 || parts.length < 2 || !/分别/u.test(segments[first]!.text)) return;
  const sum = parts.reduce((s, p) => s + p.value, 0n);
  const slack = parts.reduce((s, p) => s + p.rounding, total.rounding);
  const difference = sum > total.value ? sum - total.value : total.value - sum;
  if (difference > slack) {
    report({ messageId: 'totalDiffers', data: { sum: format(sum, parts, total), total: total.text, unit: total.unit }, range: { start: offset + segments[first]!.start, end: offset + segments[at]!.end } });
  }
}

/** "第一产业增加值120.5亿元": a label, then an amount and its unit ending the segment. */
/** "国有企业占35.2%": a share of the whole. */
function shareOf(text: string): { value: bigint; rounding: bigint } | undefined {
  if (!text.includes('占') || CHANGE.test(text) || !/[%％]$/u.test(text)) return undefined;
  let start = text.length - 1;
  while (start > 0 && /[0-9.]/.test(text[start - 1]!)) start--;
  const digits = text.slice(start, -1);
  return /^[0-9]+(?:\.[0-9]+)?$/.test(digits) && text.indexOf('占') < start ? scaled(digits, '') : undefined;
}

function amountOf(segment: string): Amount | undefined {
  const text = segment.trim();
  const unit = BASE_UNITS.find((u) => text.endsWith(u));
  if (!unit) return undefined;
  let end = text.length - unit.length;
  const multiplier = ['万亿', '亿', '千', '万'].find((w) => text.slice(0, end).endsWith(w)) ?? '';
  end -= multiplier.length;
  let start = end;
  while (start > 0 && /[0-9.]/.test(text[start - 1]!)) start--;
  const digits = text.slice(start, end);
  if (!/^[0-9]+(?:\.[0-9]+)?$/.test(digits) || CHANGE.test(text.slice(0, start))) return undefined;
  const { value, rounding } = scaled(digits, multiplier);
  return { value, rounding, unit, text: `${digits}${multiplier}` };
}

/** "12.5" 亿 → 1 250 000 000 × 10^SCALE, with half a unit of its last digit. */
function scaled(digits: string, multiplier: string): { value: bigint; rounding: bigint } {
  const [whole, fraction = ''] = digits.split('.');
  const places = Math.min(fraction.length, SCALE);
  const value = BigInt(whole! + fraction.slice(0, places).padEnd(SCALE, '0')) * MULTIPLIERS[multiplier]!;
  const rounding = (10n ** BigInt(SCALE - places) * MULTIPLIERS[multiplier]!) / 2n;
  return { value, rounding };
}

/** The sum written in the total's own unit word when all figures share it ("420万"), else in the base unit. */
function format(sum: bigint, parts: readonly Amount[], total: Amount): string {
  const word = /(万亿|亿|千|万)$/u.exec(total.text)?.[1] ?? '';
  const same = parts.every((p) => (/(万亿|亿|千|万)$/u.exec(p.text)?.[1] ?? '') === word);
  const divisor = same ? MULTIPLIERS[word]! : 1n;
  return `${decimal(sum / divisor)}${same ? word : ''}`;
}

function decimal(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  let fraction = digits.slice(-SCALE);
  while (fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function spans(text: string, pattern: RegExp): { text: string; start: number; end: number }[] {
  const found: { text: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(pattern)) found.push({ text: m[0], start: m.index!, end: m.index! + m[0].length });
  return found;
}
