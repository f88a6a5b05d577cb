/**
 * Page furniture: lines that belong to no article. Each rule is one kind with the real examples that
 * forced it. Rules are tried on short lines only (see MAX_FURNITURE_LENGTH), so body text is safe.
 * The code that applies these tables quickly (one scan a line for every rule's needs) is
 * furniture-match.ts, and the needs are read off the patterns (pattern-hints.ts): this file is the
 * tables, a row a kind, an example and a pattern.
 */
import type { FurnitureKind } from '../types.js';
import { ROLE_WORDS, PAGE_ROLES } from './roles.js';
import { fullDate, ISSUE_MONTH, WEEKDAY, WEEKDAY_WORD } from './dates.js';
import { readFileSync } from 'node:fs';
import { hintsOf, type PatternHints } from './pattern-hints.js';

export const MAX_FURNITURE_LENGTH = 90;

export interface FurnitureRule {
  kind: FurnitureKind;
  pattern: RegExp;
  /** example that the rule is for, kept as documentation and test data */
  example: string;
  /** a page header that states a page number: in an archive, it opens a new page (read/pages.ts).
   *  Date-only headers (1985-01-02) also stand inside pages, and the mirror's 第1版(要闻)专栏:
   *  precedes every article, so neither has it. */
  opensPage?: boolean;
  /** a web page prints it under every article (《人民日报》(… 06 版) names that article's printed
   *  page, not the page it stands on), so only a header of its own kind follows it to a new page */
  underArticles?: boolean;
  /** longest line the rule may take (default MAX_FURNITURE_LENGTH) */
  maxLength?: number;
  /** The cheap tests, read off the pattern (pattern-hints.ts) when the tables below are made, never
   *  written in a row: the pattern cannot match a line holding none of `needs`; a pattern anchored at
   *  the line's start begins with one of `starts`, one anchored at its end ends with one of `ends`
   *  (white space aside). */
  needs?: string[];
  starts?: string;
  ends?: string;
}

/** The file in which `npm run build` (scripts/build-tables.mjs) keeps hintsOf() of every pattern below. */
export const BUILT_HINTS_URL = new URL('./furniture-hints.json', import.meta.url);

/** The build's hints, by `flags/source` (reading them all off the patterns took ~10–40 ms of every
 *  run's start-up); none from the sources, and a pattern the file does not know is read here. */
function builtHints(): Record<string, PatternHints> {
  try {
    return JSON.parse(readFileSync(BUILT_HINTS_URL, 'utf8')) as Record<string, PatternHints>;
  } catch {
    return {};
  }
}
const BUILT = builtHints();

/** The key of a pattern in the build's file. */
export const hintsKey = (pattern: RegExp): string => `${pattern.flags}/${pattern.source}`;

/** The rows with their cheap tests read off their patterns. */
const withHints = (rows: FurnitureRule[]): FurnitureRule[] =>
  rows.map((r) => { const key = hintsKey(r.pattern); return { ...r, ...(Object.hasOwn(BUILT, key) ? BUILT[key] : hintsOf(r.pattern)) }; });

const DATE = fullDate();
/** A page number in words or figures: 5, A05, 二 */
const PAGE_NO = String.raw`(?:[A-Z]?\d{1,3}|[一二三四五六七八九十]{1,3})`;
/** Editors (the roles table's) and the page's own roles, longest first, as in an editor or header line */
const EDITOR_ROLE_WORDS = [...ROLE_WORDS.filter(([, role]) => role === 'editors').map(([w]) => w), ...PAGE_ROLES]
  .sort((a, b) => b.length - a.length);
const EDITOR_ROLES = EDITOR_ROLE_WORDS.join('|');
/** The roles that name this page's editors (本版编辑, 本版责任编辑, 本版责编): a line opening on one is never text. */
const THIS_PAGE_EDITOR_ROLES = EDITOR_ROLE_WORDS.filter((w) => w.startsWith('本版')).map((w) => w.slice(2)).join('|');

/** An editor line (责任编辑:王芳, 【编辑 王芳】) for an alternation of role words: the table's row below,
 *  and a profile's editors (knowledge/profile.ts). */
export function editorLine(roles: string): RegExp {
  return new RegExp(String.raw`^[(（【\[]?\s*(?:${roles})(?:\s*[:：/／]|[ \t\u3000\u00a0]+(?=\S{2,4}(?:[ \t\u3000\u00a0]|[】\])）]?$)))`, 'u');
}

export const FURNITURE_RULES: FurnitureRule[] = withHints([
  // Page headers and footers: a date with a page number, a page label, or a paper's name.
  { kind: 'page-header', opensPage: true, example: '2026年6月12日人民日报 第3版', pattern: new RegExp(String.raw`^${DATE}.{0,20}第\s*[A-Z]?\d{1,3}\s*版`, 'u') },
  { kind: 'page-header', opensPage: true, example: '人民日报 2026年6月12日 第16版', pattern: new RegExp(String.raw`^\S{2,12}\s*${DATE}\s*第\s*[A-Z]?\d{1,3}\s*版`, 'u') },
  { kind: 'page-header', opensPage: true, underArticles: true, example: '《 人民日报 》( 2026年06月12日 06 版)', pattern: new RegExp(String.raw`^《\s*[^》]{2,12}\s*》\s*[(（]\s*${DATE}\s*[A-Z]?\d{1,3}\s*版\s*[)）]$`, 'u') },
  { kind: 'page-header', opensPage: true, example: '第07版:要闻', pattern: /^第?\s*[A-Z]?\d{1,3}\s*版\s*[:：]\s*\S[^。]{0,12}$/u },
  { kind: 'page-header', opensPage: true, example: '第 1 版', pattern: /^第\s*[A-Z]?\d{1,3}\s*版$/u },
  { kind: 'page-header', opensPage: true, example: 'A3版 要闻', pattern: /^(?:版面\s*[:：]\s*)?第?\s*[A-Z]?\d{1,3}\s*版(?:[ \t\u3000\u00a0]+\S{1,8})?$/u },
  { kind: 'page-header', opensPage: true, example: 'A26 中國新聞 … 2015 年 8 月 10 日(星期一)', pattern: new RegExp(String.raw`^[A-Z]?\d{1,3}\s+\S.{0,40}${DATE}\s*${WEEKDAY}$`, 'u') },
  { kind: 'page-header', example: '2023年4月4日重庆手机报', pattern: new RegExp(String.raw`^${DATE}\s*(?:${WEEKDAY_WORD})?\s*\S{0,10}(?:报|報|刊)(?:\s*第?\s*[A-Z]?\d{1,3}\s*版)?$`, 'u') },
  { kind: 'page-header', example: '1985-01-02', pattern: new RegExp(String.raw`^${DATE}(?:\s*${WEEKDAY})?$`, 'u') },
  // a date, the weekday and the page, between slashes or bars: 2024年5月6日 / 星期一 / A05
  { kind: 'page-header', example: '2024年5月6日 / 星期一 / A05', pattern: new RegExp(String.raw`^${DATE}\s*[/|｜]?\s*${WEEKDAY}\s*[/|｜]?\s*[A-Z]?\d{1,3}\s*版?$`, 'u') },
  // a PDF's running head, the paper, the date and the page between bars: 江城日报 | 2019-02-01 | A03 要闻
  { kind: 'page-header', example: '江城日报 | 2019-02-01 | A03 要闻', pattern: new RegExp(String.raw`^(?:\S{2,12}\s*[|｜]\s*)?${DATE}\s*[|｜]\s*第?\s*[A-Z]?\d{1,3}\s*版?(?:\s*[:：]?\s*\S{1,8})?$`, 'u') },
  // the page and its section, then the date: 第3版：经济 2024年05月06日
  { kind: 'page-header', opensPage: true, example: '第3版：经济 2024年05月06日', pattern: new RegExp(String.raw`^第?\s*[A-Z]?\d{1,3}\s*版\s*[:：]?\s*\S{1,8}\s+${DATE}$`, 'u') },
  // a header that names the page's editors: A02 要闻 2024.5.6 星期一 编辑 王小明 美编 李华
  { kind: 'page-header', opensPage: true, example: 'A02 要闻 2024.5.6 星期一 编辑 王小明 美编 李华 校对 赵刚', pattern: new RegExp(String.raw`^[^。，,！？]{0,16}${DATE}[^。，,！？]{0,12}(?:${EDITOR_ROLES})(?:\s*[:：/／]\s*|[ \t\u3000\u00a0]+)\S{2,4}(?:\s[^。，,！？]*)?$`, 'u') },
  { kind: 'page-header', example: '晨光報2013年十二月號', pattern: new RegExp(String.raw`^\S{1,10}(?:报|報)\s*${ISSUE_MONTH}[号號]$`, 'u') },
  { kind: 'page-header', opensPage: true, example: 'Page 1', pattern: /^(?:Page|PAGE|P\.)\s*\d{1,3}$/u },
  // The mirror's separator before each article of 人民日报 1946–2003: 第1版(要闻)专栏:
  { kind: 'page-header', example: '第1版(要闻)专栏:', pattern: /^第\s*\d{1,3}\s*版\s*[(（][^)）]{0,12}[)）]\s*专栏\s*[:：]?$/u },
  // Editor and imprint lines.
  // (also bracketed, and with a space instead of the colon: 【责任编辑：张三】, 责任编辑 张三)
  // (also with a slash: 编辑/王小明 校对/李华; and the review chain of mainland e-papers: 一审：张三 二审：李四)
  { kind: 'editor', example: '责任编辑:王芳', pattern: editorLine(EDITOR_ROLES) },
  // the page's editors with nothing between role and name, as dumps that drop spaces print them:
  // 本版责任编辑曾军版式:林然 (a line that opens on 本版 and an editor's role is never text)
  { kind: 'editor', example: '本版责任编辑曾军版式:林然', pattern: new RegExp(String.raw`^[(（【\[]?\s*本版(?:${THIS_PAGE_EDITOR_ROLES})[^。！？!?，,；;]{2,40}$`, 'u') },
  // imprint: hotlines, the paper's address, its serial number and price
  { kind: 'editor', example: '新闻热线：023-12345678', pattern: /^(?:新闻热线|新聞熱線|报料热线|報料熱線|爆料热线|读者热线|讀者熱線|发行热线|發行熱線|订阅热线|訂閱熱線|广告热线|廣告熱線|本报地址|本報地址|社址|邮编|郵編|国内统一连续出版物号|國內統一連續出版物號|国内统一刊号|國內統一刊號|广告许可证|廣告許可證|零售价|零售價)(?:\s*[:：]|[ \t\u3000\u00a0]+(?=[\d(（]))/u },
  { kind: 'editor', example: '2026-01-30 03:09:19 来源:晨光网 责任编辑:王小明', pattern: /(?:来源|來源)\s*[:：].{0,40}(?:编辑|編輯|作者|记者|記者)\s*[:：]/u },
  { kind: 'editor', example: '来源:晨光晚报 记者:李明', pattern: /^[(（【]?(?:本文)?(?:来源|來源|转自|轉自|转载自|轉載自)\s*[:：]\s*[^\s)）】]{2,16}[)）】]?(?:\s|$)/u },
  // the source line under a chart or table: 数据来源：国家统计局 / 资料来源：…
  { kind: 'editor', example: '数据来源：国家统计局', pattern: /^[(（]?(?:数据来源|數據來源|资料来源|資料來源)\s*[:：]/u },
  // Jump lines: 下转第2版, (上接第1版)
  { kind: 'jump', example: '下转第2版', pattern: new RegExp(String.raw`^[(（]?\s*(?:下转|下轉|上接|转第|轉第|接第|紧接|緊接|详见|詳見|见第|見第)\s*第?\s*${PAGE_NO}\s*版\s*[)）]?$`, 'u') },
  // Web residue around mirrored articles.
  { kind: 'navigation', example: '您现在的位置:首页 > 城事 > 正文', pattern: /^(?:您现在的位置|您的位置|当前位置|當前位置|首页|首頁)\s*[:：>]/u },
  { kind: 'navigation', example: '首页 > 新闻 > 正文', pattern: /^\S{1,8}(?:\s*>\s*\S{1,10}){2,}$/u },
  { kind: 'web-residue', example: 'http://www.sina.com.cn 2007年01月10日06:20 四川在线-华西都市报', pattern: /^https?:\/\/\S+/u },
  { kind: 'web-residue', example: '详情点击: http://isjb.cn/QLLEXJR', pattern: /^[^。]{0,12}(?:https?:\/\/|www\.)\S+\s*$/u },
  { kind: 'web-residue', example: '不支持Flash', pattern: /^(?:不支持Flash|您的浏览器不支持|返回搜狐|查看更多|爱问\s*[(（]iAsk\.com[)）]|分享到|打印本页|关闭窗口|返回顶部|返回首页|返回目录|返回目錄|【打印】|【关闭】|\[打印\]|\[关闭\]|点击进入|扫一扫|扫码关注|微信扫一扫)/u },
  { kind: 'web-residue', example: '娱乐专题搜索:', pattern: /^\S{0,8}(?:搜索|搜尋)\s*[:：]?$/u },
  { kind: 'web-residue', example: '|', pattern: /^\s*[|｜][|｜\s]*$/u },
  // a reprinting site's stock line: an outlet with a numeric date (晨光网2026-01-30号报道); headlines never carry ISO dates
  { kind: 'web-residue', example: '晨光网2026-01-30号报道', pattern: /^[^。，,]{0,12}\d{4}-\d{1,2}-\d{1,2}[^。，,]{0,8}$/u },
  // where a photo came from, on a line of its own (the caption's credit names no photographer)
  { kind: 'image-placeholder', example: '视觉中国供图', pattern: /^[(（]?[^\s。，,]{0,10}(?:供图|供圖|资料图片|資料圖片|资料图|資料圖|网络图片|網絡圖片)[)）]?$|^[(（]?(?:图片来源|圖片來源)\s*[:：]\s*[^\s。]{1,16}[)）]?$/u },
  { kind: 'web-residue', example: '扫码看视频', pattern: /^(?:扫码|掃碼|扫描二维码|掃描二維碼|扫描二維碼|长按识别二维码|長按識別二維碼)(?:(?:看|观看|觀看|阅读|閱讀|关注|關注|收听|收聽|下载|下載|了解|获取|獲取|参与|參與|查看|进入|進入)[^。，,！!]{0,8})?$/u },
  { kind: 'image-placeholder', example: '头条787x93px', pattern: /\d{2,4}\s*[x×*]\s*\d{2,4}\s*(?:px)?$|banner$|^\[?(?:图片|圖片|img|image)\]?$/iu },
  // Tables of contents and teasers: 1. 标题 (mirror TOC), >标题 (导读 bullets), 要聞 P.2
  { kind: 'table-of-contents', example: '1. 市政府召开常务会议 部署春耕生产', pattern: /^\d{1,2}\.\s+\S[^。]*$/u, maxLength: 200 },
  { kind: 'table-of-contents', example: '>重庆实施资本市场"千里马计划"', pattern: /^>(?!>)\s*\S/u },
  { kind: 'table-of-contents', example: '要聞 P.2', pattern: /^\S{1,6}\s*P\.\s*\d{1,3}(?:-\d{1,3})?$/u },
  // Section rubrics in brackets: 【导读】, 【封面新闻】
  { kind: 'section-label', example: '【封面新闻】', pattern: /^【[^】]{1,10}】$/u },
  // the label over an advertisement, which the law makes every paper print (广告法 §14): 广告, 公益广告,
  // and nothing else on the line; the e-paper prints it as the headline of an ad page that has no text
  { kind: 'section-label', example: '广告', pattern: /^[(（【\[]?\s*(?:公益\s*)?[广廣]\s*告\s*[)）】\]]?$/u },
]);

/** Furniture at the start of a line, before the article text: the mirror's 第1版(要闻)专栏: and >> bullets. */
export const FURNITURE_PREFIXES: FurnitureRule[] = withHints([
  { kind: 'page-header', example: '第1版(要闻)专栏: 国务院办公厅发出公告', pattern: /^第\s*\d{1,3}\s*版\s*[(（][^)）]{0,12}[)）]\s*专栏\s*[:：]?\s*/u },
  { kind: 'table-of-contents', example: '>>重庆实施资本市场“千里马计划”', pattern: /^>>\s*/u },
  { kind: 'web-residue', example: '■ 黃 教 授 2002 年', pattern: /^[■□▲△●◆◇★☆]\s*(?=\S)/u },
  { kind: 'jump', example: '（上接第1版）据介绍，', pattern: new RegExp(String.raw`^[(（]\s*(?:上接|接第|紧接|緊接)\s*第?\s*${PAGE_NO}\s*版\s*[)）]\s*`, 'u') },
]);

/** Residue at the end of a line: the | a web page leaves after a caption. */
export const FURNITURE_SUFFIXES: FurnitureRule[] = withHints([
  // tried once per run of spaces and bars (the lookbehind), so a long run of them costs linear time
  { kind: 'web-residue', example: '本报记者 刘可 摄 |', pattern: /(?<![\s|｜])[|｜]*\s+[|｜][\s|｜]*$/u },
  { kind: 'jump', example: '…开放到晚上十点。（下转第3版）', pattern: new RegExp(String.raw`[(（]\s*(?:下转|下轉|转第|轉第|转|轉)\s*第?\s*${PAGE_NO}\s*版\s*[)）]$`, 'u') },
]);

/** HTML line breaks left in a web dump (第一段。<br/>第二段。): a line end, and residue. */
export const HTML_BREAK_RE = /<br\s*\/?>/giu;
