/**
 * Papers, agencies and sites as bylines and datelines name them.
 * A lead names its outlet first (重庆日报讯, 新华社北京5月27日电, 中新网重庆1月29日电); a credit names it
 * before the role word (新华社记者鞠鹏摄, 重庆日报记者 谢智强 摄).
 */

/** Agencies and sites common enough to know by name: they may send "电" without a date (据新华社电). */
export const KNOWN_AGENCIES = [
  '新华社', '新華社', '中新社', '中國新聞社', '中国新闻社', '中新网', '中新網', '人民网', '人民網', '新华网', '新華網',
  '央视网', '央視網', '央视新闻', '光明网', '光明網', '澎湃新闻', '法新社', '路透社', '美联社', '美聯社', '共同社', '塔斯社',
  '合众社', '合眾社', '中央社', '经济日报', '經濟日報',
];

/** How an outlet's name ends: 日报, 晚报, 社, 网, 台 … (the generic rule for papers nobody listed). */
export const OUTLET_SUFFIXES = [
  '日报', '日報', '晚报', '晚報', '早报', '早報', '商报', '商報', '时报', '時報', '周报', '週報', '导报', '導報',
  '青年报', '青年報', '手机报', '手機報', '报', '報', '新闻网', '新聞網', '网', '網', '通讯社', '通訊社', '社',
  '电视台', '電視台', '广播电台', '廣播電台', '台', '新闻处', '新聞處',
];

/**
 * What a lead calls its item, after the outlet, place and date: a dispatch sent (电: 新华社北京5月27日电,
 * 专电, 电讯), which an outlet nobody listed sends only with a date; or a report (讯: 本报讯, 快讯, 消息).
 */
export const DISPATCH_KINDS: ReadonlyArray<readonly [string, 'dispatch' | 'report']> = [
  ['专电', 'dispatch'], ['專電', 'dispatch'], ['特电', 'dispatch'], ['特電', 'dispatch'], ['急电', 'dispatch'], ['急電', 'dispatch'],
  ['电讯', 'dispatch'], ['電訊', 'dispatch'], ['电', 'dispatch'], ['電', 'dispatch'],
  ['航讯', 'report'], ['航訊', 'report'], ['快讯', 'report'], ['快訊', 'report'], ['讯', 'report'], ['訊', 'report'], ['消息', 'report'],
];

/** The paper's own name for itself: names no outlet (the gold conventions omit the source). */
export const OWN_PAPER = ['本报', '本報', '本刊', '本台', '本网', '本網'];

const HAN = '\\p{Script=Han}';
const suffixAlt = [...OUTLET_SUFFIXES].sort((a, b) => b.length - a.length).join('|');

/** The outlets a byline grammar knows: the agencies above, and a profile's own outlets after them (knowledge/profile.ts). */
export interface OutletTable {
  /** known by name: they may send 电 without a date */
  agencies: readonly string[];
  /** An outlet name: a known agency, 本报, or up to ten characters ending in an outlet suffix (a pattern source). */
  source: string;
  looksLikeOutlet(text: string): boolean;
}

/** `extra`: names as printed, no pattern syntax in them (profile.ts checks). */
export function outletTable(extra: readonly string[] = []): OutletTable {
  const agencies = [...KNOWN_AGENCIES, ...extra.filter((o) => !KNOWN_AGENCIES.includes(o))];
  const agencyAlt = [...agencies].sort((a, b) => b.length - a.length).join('|');
  const source = `(?:${agencyAlt}|${OWN_PAPER.join('|')}|[${HAN}A-Za-z]{1,10}?(?:${suffixAlt}))`;
  const whole = new RegExp(`^${source}$`, 'u');
  return { agencies, source, looksLikeOutlet: (text) => whole.test(text) };
}

/** The outlets table alone (no profile). */
export const OUTLET_TABLE: OutletTable = outletTable();
/** An outlet name: a known agency, 本报, or up to ten characters ending in an outlet suffix. */
export const OUTLET_SOURCE = OUTLET_TABLE.source;

export function isOwnPaper(name: string): boolean {
  return OWN_PAPER.includes(name);
}

/** 本报记者 → no source; 新华社 → 新华社; 中央人民广播电台 → itself. */
export function outletOrNull(name: string | undefined | null): string | null {
  if (!name) return null;
  const n = name.replace(/^据|^據/u, '');
  return isOwnPaper(n) ? null : n;
}

export const looksLikeOutlet = OUTLET_TABLE.looksLikeOutlet;
