// Lays out source pages as the text a user would have, and writes the gold for it at the same time.
// Each layout choice is one small function, with the real-world dump it mimics in its comment.
// Invariant: every string in the gold is taken from the text as written (headlines and noise are exact
// substrings; a paragraph is the page's pieces joined, a repeated break character once).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as F from './furniture.mjs';

// the outlet names the tool knows (src/knowledge/outlets.ts), so the scored gold removes the leads it removes
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { OUTLET_SOURCE } = await import(join(repo, 'dist/knowledge/outlets.js'));

const HALF_WIDTH = { '，': ',', '。': '.', '：': ':', '；': ';', '！': '!', '？': '?', '（': '(', '）': ')' };
const CJK = /[\u4e00-\u9fff\u3400-\u4dbf]/;

/**
 * One file's layout, chosen once from its seeded dice; glued pages share it, as one source's dump does.
 * The weights mix the forms users meet; none dominates.
 */
export function chooseLayout(d, plain = false) {
  const body = plain
    ? d.weighted([['blank', 40], ['indent', 35], ['indentBlank', 25]])
    : d.weighted([['blank', 26], ['indent', 20], ['indentBlank', 14], ['wsLines', 10], ['wrap', 16], ['flat', 14]]);
  const blankish = body === 'blank' || body === 'indentBlank' || body === 'wsLines';
  // several pages glued into one file (a month's dump, a PDF of several pages), each under its header
  const glue = plain ? 1 : d.weighted([[1, 80], [2, 14], [3, 6]]);
  const style = {
    body,
    // 人民日报's e-paper indents with two ideographic spaces; PDF and web copies with ASCII spaces
    indent: d.weighted([['\u3000\u3000', 50], ['  ', 30], ['    ', 20]]),
    // whitespace-only separator lines: what PDF extractors leave where a blank line was
    wsSeparator: d.pick([' ', '  ', '\u3000', ' \u3000 ', '\u3000\u3000', '    ']),
    paraGap: blankish ? d.weighted([[1, 85], [2, 15]]) : 0,
    // extra separator lines between articles: none (same as paragraphs), one, or a wide gap
    articleGap: d.weighted([[0, 30], [1, 40], [2, 20], [3, 10]]),
    headlineIndent: d.chance(0.2),
    deckGap: d.chance(0.6),
    // a dump that puts a blank line after every line of the page: the deck's lines apart too
    deckLineGap: blankish && d.chance(0.5),
    titleBreak: d.chance(0.2),
    dash: d.weighted([['keep', 60], ['add', 25], ['strip', 15]]),
    headlineWrap: d.chance(0.25),
    width: d.int(18, 40),
    eol: d.weighted([['LF', 80], ['CRLF', 17], ['CR', 3]]),
    halfWidth: d.chance(0.15),
    traditional: d.chance(0.12),
    paper: d.chance(0.3) ? F.PAPERS[0] : d.pick(F.PAPERS.slice(1)),
    headerForm: d.pick(Object.keys(F.HEADER_FORMS)),
    header: glue > 1 || d.chance(0.65),
    footer: d.chance(0.25),
    editor: d.chance(0.45),
    // some papers print the page's editors under the header, most at the foot
    editorTop: d.chance(0.25),
    web: d.chance(0.1),
    pageNumber: d.chance(0.15),
    jump: d.chance(0.15),
    breaks: body === 'flat' ? 0 : d.weighted([[0, 55], [1, 30], [2, 15]]),
    // an e-paper's dump keeps each column's piece of a paragraph as a paragraph of its own: wherever a
    // column ends mid-paragraph the text is cut there (a column holds a few hundred characters)
    columns: body === 'flat' || body === 'wrap' || !d.chance(0.6) ? 0 : d.int(250, 700),
    glue,
    midStart: d.chance(0.1),
    // a column of short items without headlines, each closed by its reporter tag (综合消息, 简讯)
    briefs: d.chance(0.2),
  };
  // plain pages: an e-paper's own dump, one page a file, decks as the paper set them
  // (the records' own paper in its header, subtitles as printed, headlines flush left)
  if (plain) {
    Object.assign(style, {
      titleBreak: false, headlineWrap: false, midStart: false, web: false, jump: false, paper: F.PAPERS[0], dash: 'keep', headlineIndent: false,
    });
  }
  return style;
}

/** The choices that matter for a page, as printed in the note, the manifest and the summary. */
export function layoutSummary(style) {
  const s = { body: style.body };
  if (style.body !== 'blank' && style.body !== 'flat' && style.body !== 'wsLines') s.indent = JSON.stringify(style.indent);
  if (style.body === 'wsLines') s.wsSeparator = JSON.stringify(style.wsSeparator);
  if (style.body === 'wrap') s.width = style.width;
  Object.assign(s, {
    paraGap: style.paraGap, articleGap: style.articleGap, headlineIndent: style.headlineIndent, deckGap: style.deckGap, deckLineGap: style.deckLineGap,
    titleBreak: style.titleBreak, dash: style.dash, headlineWrap: style.headlineWrap, eol: style.eol,
    halfWidth: style.halfWidth, traditional: style.traditional, paper: style.paper.name,
    header: style.header ? style.headerForm : false, footer: style.footer,
    editor: style.editor ? (style.editorTop ? 'top' : 'foot') : false, web: style.web,
    pageNumber: style.pageNumber, jump: style.jump, breaks: style.breaks, glue: style.glue, midStart: style.midStart, briefs: style.briefs,
    bylineLines: !!style.bylineLines, subtitleLines: !!style.subtitleLines,
  });
  return s;
}

/** The script and punctuation of the page, applied to the records and the furniture before layout. */
export function makeConverter(style, toTraditional) {
  return (text) => {
    let out = style.traditional ? toTraditional(text) : text;
    // web mirrors and OCR copies often carry ASCII punctuation
    if (style.halfWidth) out = out.replace(/[，。：；！？（）]/g, (c) => HALF_WIDTH[c]);
    return out;
  };
}

function convertRecord(rec, convert) {
  const deck = rec.deck.map((l) => ({ role: l.role, text: convert(l.text) }));
  return { id: rec.id, deck, body: rec.body.map(convert) };
}

/** Cut a line into column-width pieces; white space at a cut goes with the line above, as a column does. */
export function wrapColumns(text, width) {
  const chars = Array.from(text);
  const pieces = [];
  for (let i = 0; i < chars.length; i += width) pieces.push(chars.slice(i, i + width).join(''));
  for (let i = 1; i < pieces.length; i++) {
    const lead = /^\s+/.exec(pieces[i]);
    if (lead) {
      pieces[i - 1] += lead[0];
      pieces[i] = pieces[i].slice(lead[0].length);
    }
  }
  return pieces.filter((p) => p.trim().length > 0);
}

/** Lines of the file and the gaps between them; consecutive gap requests merge into the widest. */
class PageWriter {
  constructor(style, d) {
    this.style = style;
    this.d = d;
    this.lines = [];
    this.pending = 0;
  }
  gap(n) {
    this.pending = Math.max(this.pending, n);
  }
  /** a separator line: empty, or white space only on wsLines pages */
  separator() {
    return this.style.body === 'wsLines' ? this.style.wsSeparator : '';
  }
  line(text) {
    if (this.lines.length > 0) for (let i = 0; i < this.pending; i++) this.lines.push(this.separator());
    this.pending = 0;
    this.lines.push(text);
  }
  text() {
    const eol = { LF: '\n', CRLF: '\r\n', CR: '\r' }[this.style.eol];
    return this.lines.join(eol) + eol;
  }
}

/** A long title broken over two lines (at a space between its phrases when it has one). */
function breakTitle(text, d) {
  const chars = Array.from(text);
  const spaces = chars.map((c, i) => (/\s/.test(c) && i > 1 && i < chars.length - 2 ? i : -1)).filter((i) => i >= 0);
  const at = spaces.length > 0 && d.chance(0.7) ? d.pick(spaces) : d.int(3, chars.length - 3);
  return [chars.slice(0, at).join(''), chars.slice(at).join('')].map((p) => p.trim()).filter(Boolean);
}

/**
 * A subtitle set as several lines, one phrase a line, as many papers print a 副题 (市委书记袁家军主持并
 * 讲话 under two lines of what the meeting did); the records keep it as one line. Cut at white space
 * or after a sentence's end, else at its commas (which the lines then drop). Null: not two to four
 * phrases of four or more characters.
 */
function subtitlePhrases(text) {
  const tidy = (parts) => parts.map((p) => p.trim()).filter(Boolean);
  let parts = tidy(text.split(/(?<=[。；！？])|[ \u3000]+/u));
  if (parts.length < 2) parts = tidy(text.split(/[，,]/u));
  const ok = parts.length >= 2 && parts.length <= 4 && parts.every((p) => Array.from(p).length >= 4);
  return ok ? parts : null;
}

/** The deck as headline lines with roles: subtitle dash, title broken, long lines wrapped. */
function layOutDeck(rec, style, d, stats, late) {
  const lines = [];
  const titleLines = rec.deck.filter((l) => l.role === 'title').length;
  let firstSubtitle = true;
  for (const { role, text: original } of rec.deck) {
    let text = original;
    if (role === 'subtitle' && firstSubtitle) {
      firstSubtitle = false;
      // 人民日报 sets a 副题 after a dash; copies keep it, drop it or add one
      if (style.dash === 'add' && !text.startsWith('——')) text = '——' + text;
      if (style.dash === 'strip' && text.startsWith('——') && text.length > 4) text = text.slice(2).trim();
    }
    const len = Array.from(text).length;
    let pieces = [text];
    const phrases = role === 'subtitle' && style.subtitleLines && late.chance(0.8) ? subtitlePhrases(text) : null;
    if (phrases) {
      pieces = phrases;
      stats.subtitlesSplit++;
    } else if (role === 'title' && titleLines === 1 && style.titleBreak && len >= 10 && d.chance(0.6)) {
      pieces = breakTitle(text, d);
      stats.titlesBroken++;
    } else if (style.body === 'wrap' && len > style.width) {
      pieces = wrapColumns(text, style.width);
    } else if (style.headlineWrap && role !== 'title' && len > 36) {
      pieces = wrapColumns(text, d.int(18, 30));
    }
    for (const p of pieces) if (p.trim()) lines.push({ role, text: p.trim() });
  }
  return lines;
}

/** A paragraph as body lines: bare, indented, or hard-wrapped with an indented first line. */
function emitBody(w, text, indented) {
  const { style } = w;
  const indent = indented ? style.indent : '';
  if (style.body === 'wrap') {
    for (const piece of wrapColumns(indent + text, style.width)) w.line(piece);
  } else if (style.body === 'indent' || style.body === 'indentBlank') {
    w.line(indent + text);
  } else {
    w.line(text);
  }
}

/**
 * A column-break fragment: the paragraph cut at a random character (inside a word sometimes), with a
 * blank line, the next page's header or an editor line between, and sometimes the cut character printed
 * twice (深度融合\n\n合、良性循环). The continuation is not indented, as a column's next line is not.
 */
function emitBrokenParagraph(w, text, ctx) {
  const { d } = ctx;
  const chars = Array.from(text);
  const cut = d.int(3, chars.length - 3);
  const head = chars.slice(0, cut).join('').trimEnd();
  const repeat = CJK.test(chars[cut - 1]) && d.chance(0.3);
  const tail = ((repeat ? chars[cut - 1] : '') + chars.slice(cut).join('')).trimStart();
  emitBody(w, head, true);
  const between = d.weighted([['blank', 50], ['header', 25], ['editor', 25]]);
  w.gap(between === 'blank' ? d.int(1, 2) : 1);
  if (between === 'header') w.line(ctx.noise(headerLine(ctx, ctx.page.page + 1)));
  if (between === 'editor') w.line(ctx.noise(editorLine(d)));
  if (between !== 'blank') w.gap(1);
  emitBody(w, tail, false);
  ctx.stats.breaks++;
  if (repeat) ctx.stats.repeats++;
}

function editorLine(d) {
  return F.EDITOR_FORMS[d.int(0, F.EDITOR_FORMS.length - 1)](d);
}

function headerLine(ctx, pageNo) {
  return F.HEADER_FORMS[ctx.style.headerForm](ctx.style.paper, ctx.page.date, pageNo, ctx.d);
}

/**
 * The paragraphs as the gold has them (CONVENTIONS.md): a dateline in brackets that opens the body
 * (（中央社南京九日電）…, 〔中央社南京廿七日電〕…, how the archive records are printed here) is a
 * lead, and the tag that closes a brief (…开业。（记者 王芳）) is its byline; the gold leaves both
 * out of the text. The e-paper's own leads (本报北京9月30日电  （记者 杜一菲）…, 新华社北京10月1日电…)
 * and closing dispatches (（新华社北京10月1日电  记者…）, a line of its own or at the end of the last
 * paragraph) stay in place for training, where the alignment (src/learn/align.ts) reads them off the
 * units (on training gold without them the 申報 sets lose 0.02–0.03 article F1); `withoutEpaperDatelines` (generate.mjs
 * --eval-gold, for pages that are scored) leaves them out too, as the scorer's gold does.
 */
const PAREN_LEAD = /^[（(〔【\[][^()（）〔〕【】[\]]{2,40}?[電电訊讯][）)〕】\]][ \u3000]*(?=\S)/u;
const EPAPER_LEAD = new RegExp(`^${OUTLET_SOURCE}[^，。,；;\\s（()）]{0,16}?[电電讯訊](?:\\s*[（(][^（()）]{1,60}[）)])?\\s*(?=\\S)`, 'u');
const DISPATCH = `[（(]${OUTLET_SOURCE}[^（()）]{0,40}?[电電讯訊][^（()）]{0,80}[）)]`;
const DISPATCH_LINE = new RegExp(`^${DISPATCH}$`, 'u');
const DISPATCH_END = new RegExp(`(?<=\\S)\\s*${DISPATCH}$`, 'u');
function goldParagraphs(rec) {
  const out = rec.body.slice();
  if (out.length > 0) out[0] = out[0].replace(PAREN_LEAD, '');
  const last = out.length - 1;
  if (rec.tag && last >= 0 && out[last].endsWith(rec.tag)) out[last] = out[last].slice(0, -rec.tag.length);
  return out;
}

/** The scored gold's paragraphs (--eval-gold): without the e-paper's own lead and closing dispatch. */
function withoutEpaperDatelines(paragraphs) {
  const out = paragraphs.filter((p) => !DISPATCH_LINE.test(p));
  if (out.length > 0) out[0] = out[0].replace(EPAPER_LEAD, '');
  const last = out.length - 1;
  if (last >= 0) out[last] = out[last].replace(DISPATCH_END, '');
  return out.filter((p) => p.length > 0);
}

/** One article: deck lines, then the body; on flat pages everything on one line (web mirrors). */
function emitArticle(w, rec, ctx, breakAt) {
  const { style, d } = ctx;
  const deck = layOutDeck(rec, style, d, ctx.stats, ctx.late);
  const gold = {
    headlines: deck.map((l) => l.text),
    deck: deck.map((l) => l.role),
    title: deck.filter((l) => l.role === 'title').map((l) => l.text).join(''),
    paragraphs: style.evalGold ? withoutEpaperDatelines(goldParagraphs(rec)) : goldParagraphs(rec),
  };
  if (style.body === 'flat') {
    w.line([...gold.headlines, ...rec.body].join(' '));
    return gold;
  }
  const hIndent = style.headlineIndent ? style.indent : '';
  deck.forEach((l, i) => {
    if (i > 0 && style.deckLineGap) w.gap(style.paraGap);
    w.line(hIndent + l.text);
  });
  if (deck.length > 0 && rec.body.length > 0) w.gap(style.deckGap ? Math.max(1, style.paraGap) : 0);
  if (rec.byline) {
    w.line(hIndent + rec.byline);
    w.gap(style.deckGap ? Math.max(1, style.paraGap) : style.deckLineGap ? style.paraGap : 0);
  }
  rec.body.forEach((text, i) => {
    if (i > 0) w.gap(style.paraGap);
    if (breakAt.has(i)) emitBrokenParagraph(w, text, ctx);
    else if (style.columns > 0) emitColumnPieces(w, text, ctx);
    else emitBody(w, text, true);
  });
  return gold;
}

/**
 * A paragraph as an e-paper dump gives it when columns end inside it: one piece a column, each a
 * paragraph of the layout (its separator, its indent), the cut wherever the column ended (inside a
 * word, sometimes with the cut character printed twice). ctx.columnLeft counts down the characters
 * left in the current column; a paragraph's end takes about a line of it.
 */
function emitColumnPieces(w, text, ctx) {
  const { style, d } = ctx;
  const nextColumn = () => d.int(Math.round(style.columns * 0.7), Math.round(style.columns * 1.3));
  const chars = Array.from(text);
  let from = 0;
  if (ctx.columnLeft === undefined) ctx.columnLeft = d.int(1, style.columns);
  while (chars.length - from > ctx.columnLeft) {
    const cut = from + ctx.columnLeft;
    ctx.columnLeft = nextColumn();
    emitBody(w, chars.slice(from, cut).join('').trimEnd(), from === 0);
    w.gap(style.paraGap);
    from = CJK.test(chars[cut - 1]) && d.chance(0.15) ? cut - 1 : cut;
    if (from === cut - 1) ctx.stats.repeats++;
    ctx.stats.columnPieces++;
  }
  const rest = chars.slice(from).join('').trimStart();
  emitBody(w, rest, from === 0 || d.chance(0.8));
  ctx.columnLeft -= chars.length - from + 12;
  if (ctx.columnLeft < 1) ctx.columnLeft = nextColumn();
}

/**
 * A page that starts mid-article (the first page of a dump cut out of a longer file, or the next page
 * of a glued file): the first article's deck and first paragraphs are gone, maybe mid-sentence.
 */
function startMidArticle(rec, d) {
  const body = rec.body.slice(rec.body.length > 1 ? d.int(1, rec.body.length - 1) : 0);
  const chars = Array.from(body[0]);
  if ((d.chance(0.5) || rec.body.length === 1) && chars.length > 12) body[0] = chars.slice(d.int(3, chars.length - 6)).join('').trim();
  return { id: rec.id, deck: [], body };
}

/** Invented names for the tags of short items that name nobody in their lead. */
const TAG_NAMES = ['张明', '李 芳', '王小川', '陈静、刘洋', '赵宇', '记者 周航', '本报记者 吴越'];
/** A lead that names its reporters: 本报北京2月1日电 （记者孙哲） / 本报讯（记者 王芳） */
const REPORTER = '(?:本报|本報)?(?:记者|記者)';
const LEAD_WITH_REPORTERS = new RegExp(`^(\\S{0,30}?(?:讯|訊|电|電))\\s*[（(](${REPORTER}[^（()）]{1,24})[）)]\\s*`, 'u');

/**
 * A short item printed as a brief: no deck, the lead's reporters moved into a tag after the last
 * sentence (…开业。（记者 王芳）), or a tag of invented names: the tag is what ends the item.
 */
function asBrief(rec, d) {
  // a column of briefs keeps an item to its first paragraph as often as not
  const body = rec.body.length > 1 && d.chance(0.5) && /[。！？”」]$/u.test(rec.body[0]) ? rec.body.slice(0, 1) : rec.body.slice();
  const m = LEAD_WITH_REPORTERS.exec(body[0]);
  let tag;
  if (m && body[0].length > m[0].length + 4) { body[0] = body[0].slice(m[0].length); tag = `（${m[2]}）`; }
  else tag = `（${d.pick(TAG_NAMES)}）`;
  if (/[。！？”」]$/u.test(body[body.length - 1])) body[body.length - 1] += tag;
  else return null;
  return { id: rec.id, deck: [], body, tag };
}

/** Names for a byline line when the lead names nobody (invented). */
const BYLINE_NAMES = ['张明', '李芳', '王小川', '陈静', '刘洋', '赵宇', '周航', '吴越', '孙哲', '杨帆', '欧阳文', '何建'];
/** How the byline line reads, with how often: the names, and what stands around them. */
const BYLINE_FORMS = [
  [(n) => `本报记者 ${n}`, 35], [(n) => `记者 ${n}`, 20], [(n) => `■ 本报记者 ${n}`, 5], [(n) => `■ ${n}`, 10],
  [(n) => n, 15], [(n) => `文/${n}`, 5], [(n, d) => `本报记者 ${n} 通讯员 ${d.pick(BYLINE_NAMES)}`, 10],
];
/** A lead's reporters as names: 记者杜一菲 → 杜一菲, 本报记者 王芳、李明 → 王芳、李明. */
const REPORTER_RE = new RegExp(`^${REPORTER}`, 'u');
const reporterNames = (reporters) => reporters.replace(REPORTER_RE, '').trim();
/** Two-character names are set with a space between their characters (熊 悦), to line up with three-character ones. */
function spaced(names, d) {
  const gap = d.weighted([[' ', 50], ['\u3000', 25], ['  ', 25]]);
  return names.split(/([、，, ]+)/u).map((n) => (Array.from(n).length === 2 && /^\p{Script=Han}+$/u.test(n) ? Array.from(n).join(gap) : n)).join('');
}

/**
 * The article's byline printed as a line of its own under the deck, as most papers and their web
 * copies print it (本报记者 熊 悦 / 记者 王芳 / ■ 李 文 / 王  颖), the e-paper records never do (their
 * author is a field of its own). The names are the lead's reporters, which the lead then loses (or
 * the whole dateline), or invented when the lead names nobody. Null: the article keeps its form.
 * The line is no paragraph: the gold leaves it out, as it leaves bylines out (CONVENTIONS).
 */
function bylineUnderDeck(rec, d, convert) {
  const m = LEAD_WITH_REPORTERS.exec(rec.body[0] ?? '');
  let names = m ? reporterNames(m[2]) : '';
  const body = rec.body.slice();
  if (m && names && body[0].length > m[0].length + 4) {
    const lead = d.weighted([['drop', 50], ['dateline', 25], ['keep', 25]]);
    if (lead === 'drop') body[0] = body[0].slice(m[0].length);
    else if (lead === 'dateline') body[0] = `${m[1]} ${body[0].slice(m[0].length)}`;
  } else if (d.chance(0.4)) {
    names = d.pick(BYLINE_NAMES);
    if (d.chance(0.2)) names += `、${d.pick(BYLINE_NAMES.filter((n) => n !== names))}`;
  } else return null;
  const shown = d.chance(0.5) ? spaced(names, d) : names;
  return { ...rec, body, byline: convert(d.weighted(BYLINE_FORMS)(shown, d)) };
}

/** Which paragraphs get a column break: long ones, chosen at random. */
function chooseBreaks(records, count, d) {
  const candidates = [];
  records.forEach((r, a) => r.body.forEach((t, p) => { if (Array.from(t).length >= 16) candidates.push([a, p]); }));
  const chosen = records.map(() => new Set());
  for (let k = 0; k < count && candidates.length > 0; k++) {
    const [a, p] = candidates.splice(d.int(0, candidates.length - 1), 1)[0];
    chosen[a].add(p);
  }
  return chosen;
}

/** The page's furniture at the top: web residue, the header. */
function emitTop(w, ctx) {
  const { style, d, page } = ctx;
  if (style.web && d.chance(0.5)) w.line(ctx.noise(F.WEB_RESIDUE[d.int(0, 1)](style.paper, page.date, page.page)));
  if (style.header) {
    w.line(ctx.noise(headerLine(ctx, page.page)));
    w.gap(d.int(style.paraGap > 0 ? 1 : 0, 3));
  }
  if (style.editor && style.editorTop) {
    w.line(ctx.noise(editorLine(d)));
    w.gap(d.int(1, 2));
  }
}

/** The page's furniture at the foot: editor line, page number, footer, web residue. */
function emitBottom(w, ctx) {
  const { style, d, page } = ctx;
  const foot = () => w.gap(d.int(1, 2));
  if (style.editor && !style.editorTop) { foot(); w.line(ctx.noise(editorLine(d))); }
  if (style.pageNumber) { foot(); w.line(ctx.noise(F.PAGE_NUMBER_FORMS[d.int(0, F.PAGE_NUMBER_FORMS.length - 1)](page.page))); }
  if (style.footer) { foot(); w.line(ctx.noise(headerLine(ctx, page.page))); }
  if (style.web && d.chance(0.6)) { foot(); w.line(ctx.noise(F.WEB_RESIDUE[d.int(2, F.WEB_RESIDUE.length - 1)](style.paper, page.date, page.page))); }
}

/** One source page into the writer; returns its gold articles. */
function emitPage(w, page, ctx, indexInFile) {
  const { style, d, convert } = ctx;
  ctx.page = page;
  let records = page.records.map((r) => convertRecord(r, convert));
  emitTop(w, ctx);
  const midStart = indexInFile === 0 ? style.midStart : d.chance(0.3);
  if (midStart && records[0].body.length > 0) {
    records[0] = startMidArticle(records[0], d);
    ctx.stats.midStarts++;
    if (d.chance(0.4)) { w.line(ctx.noise(F.jumpIn(d, page.page))); w.gap(style.paraGap); }
  }
  // an article continued on another page: its first paragraphs, then the jump line
  let jumpAfter = -1;
  if (style.jump && records.length > 1) {
    jumpAfter = d.int(0, records.length - 2);
    const r = records[jumpAfter];
    if (r.body.length > 1) records[jumpAfter] = { ...r, body: r.body.slice(0, d.int(1, r.body.length - 1)) };
  }
  if (style.briefs) {
    records = records.map((r, i) => (i > 0 && r.body.length > 0 && r.body.length <= 4 && d.chance(0.8) ? asBrief(r, d) ?? r : r));
  }
  // bylines under the deck: their own dice, so that every other choice of the page is as it was without them
  if (style.bylineLines) {
    const { late } = ctx;
    records = records.map((r) => (r.deck.length > 0 && r.body.length > 0 && late.chance(0.85) ? bylineUnderDeck(r, late, convert) ?? r : r));
  }
  const breakAt = chooseBreaks(records, style.breaks, d);
  const articles = [];
  records.forEach((rec, i) => {
    if (i > 0) w.gap(style.body === 'flat' ? (style.articleGap > 0 ? 1 : 0) : style.paraGap + style.articleGap);
    const gold = emitArticle(w, rec, ctx, breakAt[i]);
    // an e-paper lists an advertisement page as a record with a headline (广告) and no text: on a
    // scored page (--eval-gold) that headline is furniture, as CONVENTIONS has it, not an article
    if (style.evalGold && rec.body.length === 0) gold.headlines.forEach((t) => ctx.keepNoise(t));
    else articles.push(gold);
    if (i === jumpAfter) { w.gap(style.paraGap); w.line(ctx.noise(F.jumpOut(d, page.page))); ctx.stats.jumps++; }
  });
  emitBottom(w, ctx);
  return articles;
}

/**
 * A file of one or more pages (several pages glued one after another, each with its furniture).
 * Returns the text, the gold articles and noise, and counts of what was done. `late`: the dice of
 * the choices added after the first layouts (generate.mjs), apart from `d`'s.
 */
export function layOutFile(pages, style, d, convert, late) {
  const w = new PageWriter(style, d);
  const noise = [];
  const stats = { titlesBroken: 0, subtitlesSplit: 0, breaks: 0, columnPieces: 0, repeats: 0, jumps: 0, midStarts: 0 };
  const ctx = {
    style, d, convert, stats, page: pages[0], late,
    noise(text) {
      return this.keepNoise(convert(text));
    },
    /** Text already in the page's script and punctuation, kept as noise. */
    keepNoise(text) {
      const t = text.trim();
      if (!noise.includes(t)) noise.push(t);
      return t;
    },
  };
  const articles = [];
  pages.forEach((page, i) => {
    if (i > 0) w.gap(1 + style.articleGap);
    articles.push(...emitPage(w, page, ctx, i));
  });
  return { text: w.text(), articles, noise, stats };
}
