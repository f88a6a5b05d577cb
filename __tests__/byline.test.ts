import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  parseLead, parseCredit, parseBylineLine, parseTrailingTag, parseMetaLine, parseClosingLine, BYLINE_LINE_RE, CREDIT_PREFIX_RE, BYLINE_WORD_END_RE,
} from '../src/parse/byline.js';
import { ROLE_WORDS, CREDIT_PREFIXES } from '../src/knowledge/roles.js';
import { splitNames } from '../src/parse/names.js';

describe('dateline leads', () => {
  it.each([
    ['重庆日报讯(记者 张 璐)11月3日下午,市委…', '重庆日报讯(记者 张 璐)', '重庆日报', ['张璐'], [], null],
    ['重庆日报讯(记者 匡丽娜 云 钰)10月30日,…', '重庆日报讯(记者 匡丽娜 云 钰)', '重庆日报', ['匡丽娜', '云钰'], [], null],
    ['本报讯（记者 王 芳 通讯员 李明亮）记者昨日…', '本报讯（记者 王 芳 通讯员 李明亮）', null, ['王芳'], ['李明亮'], null],
    ['新华社北京5月27日电 国务院…', '新华社北京5月27日电', '新华社', [], [], '北京'],
    ['新华社印度金奈10月11日电(记者孙勇、霍小光、骆珺)中国…', '新华社印度金奈10月11日电(记者孙勇、霍小光、骆珺)', '新华社', ['孙勇', '霍小光', '骆珺'], [], '印度金奈'],
    ['【新华社延安十三日电】边区…', '【新华社延安十三日电】', '新华社', [], [], '延安'],
    ['本报合肥18日电 记者…', '本报合肥18日电', null, [], [], '合肥'],
    ['中新网重庆1月29日电 (梁钦卿)29日,…', '中新网重庆1月29日电 (梁钦卿)', '中新网', ['梁钦卿'], [], '重庆'],
    ['科技日报兰州6月11日电 （记者颉满斌 通讯员余若怡） 锂…', '科技日报兰州6月11日电 （记者颉满斌 通讯员余若怡）', '科技日报', ['颉满斌'], ['余若怡'], '兰州'],
    ['据新华社北京1月1日电(记者徐心华、邹爱国)政协…', '据新华社北京1月1日电(记者徐心华、邹爱国)', '新华社', ['徐心华', '邹爱国'], [], '北京'],
    ['晨光日報訊 (首席記者 陳大明 實習生 林小雨)9月11日,…', '晨光日報訊 (首席記者 陳大明 實習生 林小雨)', '晨光日報', ['陳大明', '林小雨'], [], null],
    ['倫敦一日電 英國…', '倫敦一日電', null, [], [], '倫敦'],
    ['本报讯（全媒体记者 周 航）昨日，…', '本报讯（全媒体记者 周 航）', null, ['周航'], [], null],
    ['晨光日报讯（融媒体记者 林小雨 通讯员 马可）昨日，…', '晨光日报讯（融媒体记者 林小雨 通讯员 马可）', '晨光日报', ['林小雨'], ['马可'], null],
    ['本报讯（记者 周 航）（通讯员 马 可）昨日，…', '本报讯（记者 周 航）（通讯员 马 可）', null, ['周航'], ['马可'], null],
  ])('%s', (text, raw, source, reporters, correspondents, place) => {
    const lead = parseLead(text)!;
    expect(lead).not.toBeNull();
    expect(lead.raw).toBe(raw);
    expect(lead.source).toBe(source);
    expect(lead.reporters).toEqual(reporters);
    expect(lead.correspondents).toEqual(correspondents);
    expect(lead.place).toBe(place);
  });

  it('reads 摄影报道 as text and photos by the same people', () => {
    expect(parseLead('本报讯（记者 周 航 摄影报道）昨日，…')).toMatchObject({ raw: '本报讯（记者 周 航 摄影报道）', reporters: ['周航'], photographers: ['周航'] });
  });

  it('names the paper of a reporter from another paper under 本报讯', () => {
    expect(parseLead('本报讯 (四川日报记者伍松乔)梅花绽放…')).toMatchObject({ source: '四川日报', reporters: ['伍松乔'] });
  });

  it('takes the 电 dateline\'s agency, and people of other outlets as reporters', () => {
    const lead = parseLead('新华社北京7月10日电(中央人民广播电台记者刘振英、新华社记者邹爱国)国务院…')!;
    expect(lead.source).toBe('新华社');
    expect(lead.reporters).toEqual(['刘振英', '邹爱国']);
  });

  it.each([
    ['（中央社南京廿一日電）敎育部次長杭立武頃聲明…', '（中央社南京廿一日電）', '中央社', '南京', '廿一日'],
    ['(新华社北京5月27日电) 国务院新闻办公室今天…', '(新华社北京5月27日电)', '新华社', '北京', '5月27日'],
    ['（路透社倫敦六日電）英國外相今日…', '（路透社倫敦六日電）', '路透社', '倫敦', '六日'],
    ['（本報訊）嗣潘公展、錢新之等先後發表意見…', '（本報訊）', null, null, null],
  ])('reads a dateline in parentheses that opens a paragraph: %s', (text, raw, source, place, dateText) => {
    const lead = parseLead(text)!;
    expect(lead).toMatchObject({ raw, source, place, dateText });
    expect(text.slice(lead.length)).not.toMatch(/^[)）\s]/u);
  });

  it.each([
    '（新华社北京10月14日电）',
    '（本报记者 张三）国务院…',
    '（图为北京电视台演播室）节目…',
    '（一）国家电网电力公司今天…',
  ])('leaves to the closing-dispatch and byline rules a bracket that is no opening dateline: %s', (text) => {
    expect(parseLead(text)).toBeNull();
  });

  it.each(['国家电网电力公司今天…', '今年3月5日我们…', '北京时间6月12日凌晨，…', '本报记者 张三'])('is not fooled by %s', (text) => {
    expect(parseLead(text)).toBeNull();
  });
});

describe('photo credits', () => {
  it('reads photographer, outlet and photo agency', () => {
    expect(parseCredit('重庆日报记者 谢智强 摄/视觉重庆')).toMatchObject({ photographers: ['谢智强'], source: '重庆日报', agency: '视觉重庆', start: 0 });
    expect(parseCredit('新华社记者鞠鹏摄')).toMatchObject({ photographers: ['鞠鹏'], source: '新华社' });
    expect(parseCredit('新民晚报记者 徐程 摄(下同)')).toMatchObject({ photographers: ['徐程'], source: '新民晚报' });
  });

  it('finds a credit after the caption, leaving the caption', () => {
    const text = '图为重庆市人大代表米佳。中新网记者 何蓬磊 摄';
    const c = parseCredit(text)!;
    expect(c.photographers).toEqual(['何蓬磊']);
    expect(text.slice(0, c.start)).toBe('图为重庆市人大代表米佳。');
  });

  it('reads credits in brackets, with /摄, and after a sentence and a space', () => {
    const text = '6月1日，孩子们在公园里游玩。（新华社记者 李贺 摄）';
    const c = parseCredit(text)!;
    expect(c).toMatchObject({ photographers: ['李贺'], source: '新华社', raw: '（新华社记者 李贺 摄）' });
    expect(text.slice(0, c.start)).toBe('6月1日，孩子们在公园里游玩。');
    expect(parseCredit('孩子们在公园里游玩。 张三/摄')).toMatchObject({ photographers: ['张三'] });
    expect(parseCredit('孩子们在公园里游玩。 本报记者 王小明 摄影')).toMatchObject({ photographers: ['王小明'], source: null });
  });

  it('reads an agency\'s distributed photo: 新华社发（张三 摄）', () => {
    expect(parseCredit('新华社发（张三 摄）')).toMatchObject({ photographers: ['张三'], source: '新华社', start: 0 });
    expect(parseCredit('新华社发 张三 摄')).toMatchObject({ photographers: ['张三'], source: '新华社' });
    const c = parseCredit('会议现场。新华社发（张三 摄）')!;
    expect(c).toMatchObject({ photographers: ['张三'], source: '新华社', raw: '新华社发（张三 摄）' });
  });

  it('does not read 拍摄 inside a sentence as a credit', () => {
    expect(parseCredit('他用手机拍摄')).toBeNull();
  });
});

describe('byline lines and tags', () => {
  it('reads standalone bylines', () => {
    expect(parseBylineLine('本报记者  孙  振  胡婧怡')).toMatchObject({ source: null, reporters: ['孙振', '胡婧怡'] });
    expect(parseBylineLine('仁聞報記者')).toMatchObject({ source: '仁聞報', reporters: [] });
    expect(parseBylineLine('记者、攝影:李明佑')).toMatchObject({ reporters: ['李明佑'], photographers: ['李明佑'] });
    expect(parseBylineLine('文/图 王小明')).toMatchObject({ reporters: ['王小明'], photographers: ['王小明'] });
    expect(parseBylineLine('本报特约记者 赵 刚')).toMatchObject({ reporters: ['赵刚'] });
    expect(parseBylineLine('本报记者 张三 北京报道')).toMatchObject({ reporters: ['张三'], raw: '本报记者 张三 北京报道' });
    expect(parseBylineLine('文/本报记者 张三')).toMatchObject({ reporters: ['张三'] });
  });

  it('reads posted reporters, correspondents by title, where a report was filed, and a trailing 文/图', () => {
    expect(parseBylineLine('本报驻京记者 何 东')).toMatchObject({ reporters: ['何东'] });
    expect(parseBylineLine('本報駐港記者 何東')).toMatchObject({ reporters: ['何東'] });
    expect(parseBylineLine('特约通讯员 马 可')).toMatchObject({ reporters: [], correspondents: ['马可'] });
    expect(parseBylineLine('本报通讯员 马 可')).toMatchObject({ correspondents: ['马可'] });
    expect(parseBylineLine('本报记者 陈 红 发自广州')).toMatchObject({ reporters: ['陈红'] });
    expect(parseBylineLine('本报记者 钱 程 文/图')).toMatchObject({ reporters: ['钱程'], photographers: ['钱程'] });
  });

  it('does not read 本报通讯员 as a dateline (本报 + 通 + 讯)', () => {
    expect(parseLead('本报通讯员 马 可')).toBeNull();
  });

  it('takes names alone only where a byline is expected', () => {
    expect(parseBylineLine('王  颖')).toBeNull();
    expect(parseBylineLine('王  颖', true)).toMatchObject({ reporters: ['王颖'] });
  });

  it('refuses lines that are not bylines', () => {
    expect(parseBylineLine('记者从市教委获悉，全市新建学校十所。')).toBeNull();
    expect(parseBylineLine('学习贯彻习近平总书记重要讲话精神', true)).toBeNull();
  });

  it('reads closing tags only after a finished sentence', () => {
    expect(parseTrailingTag('市图书馆昨日举办公开课。（吕劲）')).toMatchObject({ reporters: ['吕劲'] });
    expect(parseTrailingTag('這一年裏發生了很多事。(記者李勇、李松、趙宇飛)')).toMatchObject({ reporters: ['李勇', '李松', '趙宇飛'] });
    expect(parseTrailingTag('他化名为李四（化名）')).toBeNull();
    expect(parseTrailingTag('产量提高了。（下同）')).toBeNull();
    // the closing bracket must be among the last four characters: white space after it, up to three
    expect(parseTrailingTag('市图书馆昨日举办公开课。（吕劲） \u3000 ')).toMatchObject({ reporters: ['吕劲'] });
    expect(parseTrailingTag('市图书馆昨日举办公开课。（吕劲）    ')).toBeNull();
  });

  it('skips only lines that no byline pattern can take (the role-word precheck is sound)', () => {
    const words = [...ROLE_WORDS.map(([w]) => w), ...CREDIT_PREFIXES.map(([p]) => p), '文 / 图', '图／', '本报驻京记者', '駐港記者'];
    const pieces = [...words, '新华社', '重庆日报', '本报', '张三', '李 四', ' ', '、', ':', '图', '文', '记', '者'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 5 }), fc.nat(3), (parts, cut) => {
      const t = parts.join('').slice(cut);
      if (BYLINE_LINE_RE.test(t) || CREDIT_PREFIX_RE.test(t)) expect([t, BYLINE_WORD_END_RE.test(t)]).toEqual([t, true]);
    }), { seed: 20261127, numRuns: 5000 });
    expect(parseBylineLine('江北新区一季度开放型经济稳中有进')).toBeNull();
    expect(parseBylineLine('王  颖', true)).toMatchObject({ reporters: ['王颖'] });
  });

  it('reads people from a web page\'s meta line', () => {
    expect(parseMetaLine('来源:新民晚报     记者:李明     编辑:王芳')).toMatchObject({ source: '新民晚报', reporters: ['李明'], editors: ['王芳'] });
  });
});

describe('names', () => {
  it('removes print padding and splits lists', () => {
    expect(splitNames('张 璐').names).toEqual(['张璐']);
    expect(splitNames('匡丽娜 云 钰').names).toEqual(['匡丽娜', '云钰']);
    expect(splitNames('李勇、李松和趙宇飛等').names).toEqual(['李勇', '李松', '趙宇飛']);
    expect(splitNames('帕巴拉·格列朗杰').names).toEqual(['帕巴拉·格列朗杰']);
  });

  it('rejects what is not a name (precision first)', () => {
    expect(splitNames('下同').rejected).toEqual(['下同']);
    expect(splitNames('国务院新闻办公室').rejected).toEqual(['国务院新闻办公室']);
  });
});

describe('credits with the agency that distributed the photo', () => {
  it.each([
    ['马怀刚摄（影像中国）', ['马怀刚'], '影像中国'],
    ['任  超摄（新华社发）', ['任超'], '新华社'],
    ['龚献明摄(影像中国)', ['龚献明'], '影像中国'],
    ['重庆日报记者 谢智强 摄/视觉重庆', ['谢智强'], '视觉重庆'],
  ])('%s', (text, photographers, agency) => {
    const c = parseCredit(text)!;
    expect(c.start).toBe(0);
    expect(c.photographers).toEqual(photographers);
    expect(c.agency).toBe(agency);
  });

  it('a sentence that ends in 摄 and a bracket is no credit', () => {
    expect(parseCredit('他说这些照片都是自己摄（录）的。')).toBeNull();
  });
});

describe('closing lines on their own', () => {
  it('a dispatch alone gives its source, place and date', () => {
    const t = parseClosingLine('（新华社北京10月3日电）')!;
    expect(t.source).toBe('新华社');
    expect(t.place).toBe('北京');
    expect(t.dateText).toBe('10月3日');
  });

  it('a dispatch with its reporters names them, alone or after the last sentence', () => {
    const alone = parseClosingLine('（新华社北京10月14日电 记者周玮、史竞男、王思北）')!;
    expect(alone.reporters).toEqual(['周玮', '史竞男', '王思北']);
    const after = parseTrailingTag('必将催生史诗性巨作。（新华社北京10月14日电 记者周玮、史竞男）')!;
    expect(after.source).toBe('新华社');
    expect(after.reporters).toEqual(['周玮', '史竞男']);
    expect(after.start).toBe('必将催生史诗性巨作。'.length);
  });

  it('a reporter tag alone names the reporters; a bracketed remark does not', () => {
    expect(parseClosingLine('（本报记者牟宗琮、李琰）')!.reporters).toEqual(['牟宗琮', '李琰']);
    expect(parseClosingLine('（作者为北京大学教授）')).toBeNull();
    expect(parseClosingLine('（2019年10月）')).toBeNull();
  });
});

// 人民日报's e-paper HTML spaces its datelines, bylines and credits with no-break spaces (&nbsp;): a copy
// from the web page keeps them, and the grammar must read them as the spaces they print as.
describe('no-break spaces, as a copy of an e-paper web page has them', () => {
  const NB = '\u00a0';
  it('a lead whose reporters follow the dateline after no-break spaces', () => {
    const text = `据新华社广州9月30日电${NB}${NB}(记者杨淑馨)伴随着悠扬的旋律，…`;
    const lead = parseLead(text)!;
    expect(lead).toMatchObject({ source: '新华社', place: '广州', reporters: ['杨淑馨'] });
    expect(text.slice(lead.length)).toBe('伴随着悠扬的旋律，…');
  });

  it('a standalone byline and a photo credit spaced by no-break spaces', () => {
    expect(parseBylineLine(`本报记者${NB}于${NB}洋`)).toMatchObject({ source: null, reporters: ['于洋'] });
    expect(parseCredit(`新华社记者${NB}方喆摄${NB}`)).toMatchObject({ source: '新华社', photographers: ['方喆'] });
  });

  it('a closing dispatch after the last sentence, spaced by a no-break space', () => {
    const after = parseTrailingTag(`屠呦呦说。（据新华社北京9月24日电${NB}${NB}记者侠克）`)!;
    expect(after).toMatchObject({ source: '新华社', reporters: ['侠克'] });
  });
});
