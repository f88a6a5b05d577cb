/**
 * Conventions of Chinese print that the parser reads breaks and decks by: which characters end or
 * start no sentence, how captions are labelled, how numbered items and column kickers look.
 */

/** Characters that end no headline and no paragraph: a break after them cut the sentence. */
export const NEVER_FINAL = new Set([...'的之和与與及或在对對把被从從向将將于於并並而但且跟给給让讓使以为為是']);

/**
 * Words of time and of linking that open a paragraph's first sentence before a comma (近日，/ 此外，);
 * no heading opens so. Dates are knowledge/dates.ts's.
 */
export const PARAGRAPH_OPENERS = [
  '近日', '日前', '如今', '目前', '当前', '今年', '去年', '近年来', '此外', '同时', '其中', '据悉', '据了解', '据介绍',
  '然而', '但是', '因此', '另外', '与此同时', '今天', '昨天', '昨日', '当天', '次日',
] as const;

/** Particles that never start a sentence: a piece starting with one continues the text above. */
export const NEVER_INITIAL = new Set([...'的地得了着们吗呢吧啊']);

/** A caption label printed on a line of its own (图: / 图说:): it belongs to the caption below. */
export const CAPTION_LABEL_RE = /^(?:图|圖|图说|圖說|图为|圖為|图片|圖片)\s*[:：]?$/u;
/** A caption's opening (图说:…, 图为…): a paragraph of its own. */
export const CAPTION_RE = /^(?:图|圖|图说|圖說|图片|圖片)\s*[:：]|^(?:图为|圖為|上图|下图|左图|右图)/u;

/** The mark of a numbered item: 一、 / （二） / 3. / ① */
export const LIST_ITEM_RE = /^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[①-⑳])/u;

/** A series kicker (深化改革系列述评之十一) or a rubric in brackets (【晨光快评】) names the column, never the article. */
export const COLUMN_KICKER_RE = /之[一二三四五六七八九十百零〇\d]{1,4}$|^【[^】]{1,12}】$/u;

/** An editor's note opening (编者按：, 【编者的话】, 编前): it introduces the article it stands with. */
export const EDITORS_NOTE_RE = /^[【\[〔]?(?:编者按|編者按|编者的话|編者的話|编者注|編者注|编前|編前)[】\]〕]?\s*[:：]?/u;

/**
 * An item of a quote box (众声, 他们说): a speaker's name, then the words in quotation marks, and
 * nothing after them: 张三 「……」 / 李四：“……”。 The name is group 1 (checked by the caller).
 */
export const SPEAKER_ITEM_RE = /^(\p{Script=Han}{2,4})[ \u3000\u00a0]*[:：]?[ \u3000\u00a0]*[「“『][\s\S]*[」”』][。．.！!？?]?$/u;
