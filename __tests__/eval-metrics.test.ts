import { describe, expect, it } from '@jest/globals';
import {
  prf, f1, lcs, boundariesOf, boundariesFromString, halfMeanSegment, pk, windowDiff, pkCount, windowDiffCount,
} from '../src/eval/metrics.js';
import { matchArticles, dice, bigrams, assignUnits, normText } from '../src/eval/match.js';
import { evaluatePage, metricsOf } from '../src/eval/evaluate.js';
import { goldJoins, scoreRepairs } from '../src/eval/repairs.js';
import { parseGold, type GoldArticle, type GoldPage } from '../src/eval/gold.js';
import type { Repair } from '../src/types.js';

const B = boundariesFromString;

describe('precision, recall, F1, LCS', () => {
  it('computes P/R/F1 from counts, with the empty convention', () => {
    expect(prf(3, 1, 2)).toEqual({ precision: 0.75, recall: 0.6, f1: (2 * 0.75 * 0.6) / 1.35 });
    expect(prf(0, 0, 0)).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(prf(0, 0, 0, 0).f1).toBe(0);
    expect(f1(0, 0)).toBe(0);
  });

  it('counts paragraphs reproduced in order', () => {
    expect(lcs(['a', 'b', 'c', 'd'], ['a', 'c', 'b', 'd'])).toBe(3);
    expect(lcs([], ['a'])).toBe(0);
  });
});

describe('Pk and WindowDiff', () => {
  // the textbook cases of NLTK's nltk.metrics.segmentation doctests
  it('Pk: every gap a boundary, no boundary, or exact, against one boundary in four (k = 2)', () => {
    const ref = B('0100'.repeat(100));
    // 399 windows, 200 of them hold a reference boundary (NLTK prints both as 0.50)
    expect(pkCount(ref, B('1'.repeat(400)), 2)).toEqual({ errors: 199, windows: 399 });
    expect(pkCount(ref, B('0'.repeat(400)), 2)).toEqual({ errors: 200, windows: 399 });
    expect(pk(ref, B('0'.repeat(400)), 2)!.toFixed(2)).toBe('0.50');
    expect(pk(ref, ref, 2)).toBe(0);
  });

  it('WindowDiff: near misses and distant boundaries (k = 3)', () => {
    const s1 = B('000100000010');
    const s2 = B('000010000100');
    const s3 = B('100000010000');
    expect(windowDiff(s1, s1, 3)).toBe(0);
    expect(windowDiff(s1, s2, 3)).toBeCloseTo(0.3, 10); // 3 of 10 windows, counted by hand
    expect(windowDiff(s2, s3, 3)).toBeCloseTo(0.8, 10);
  });

  it('six units in two articles: a boundary one unit early, and an extra boundary', () => {
    const ref = boundariesOf([0, 0, 0, 1, 1, 1]);
    expect(ref).toEqual([false, false, true, false, false]);
    expect(halfMeanSegment(ref)).toBe(2); // mean segment 3 units, half of it rounded up
    // boundary one unit early: windows (gap pairs) 0-1 and 2-3 disagree, 1-2 and 3-4 agree
    const early = boundariesOf([0, 0, 1, 1, 1, 1]);
    expect(pkCount(ref, early, 2)).toEqual({ errors: 2, windows: 4 });
    expect(windowDiffCount(ref, early, 2)).toEqual({ errors: 2, windows: 4 });
    // an extra boundary after unit 5: Pk sees one wrong window, WindowDiff two (it counts boundaries)
    const extra = boundariesOf([0, 0, 0, 1, 2, 2]);
    expect(pkCount(ref, extra, 2)).toEqual({ errors: 1, windows: 4 });
    expect(windowDiffCount(ref, extra, 2)).toEqual({ errors: 2, windows: 4 });
  });

  it('has no window when a page has fewer units than k + 1, and refuses unequal lengths', () => {
    expect(pk([], [], 1)).toBeNull();
    expect(windowDiff([false], [false], 2)).toBeNull();
    expect(() => pk([true], [true, false], 1)).toThrow(RangeError);
  });
});

describe('article matching and unit alignment', () => {
  it('uses bigram Dice on normalised text, with the 0.8 threshold', () => {
    expect(normText(' 建　设\n，A ')).toBe('建设,A');
    expect(dice(bigrams('ABCD'), bigrams('ABCE'))).toBeCloseTo(2 * 2 / 6, 10);
    const m = matchArticles([{ paragraphs: ['ABCD'] }], [{ paragraphs: ['ABCE'] }]);
    expect(m.goldToPred.size).toBe(0);
  });

  it('matches one-to-one, best pair first', () => {
    const g = [{ headlines: ['甲乙丙丁'], paragraphs: ['戊己庚辛壬癸'] }, { paragraphs: ['子丑寅卯辰巳午未'] }];
    const p = [
      { paragraphs: ['子丑寅卯辰巳午未'] },
      { headlines: ['甲乙丙丁'], paragraphs: ['戊己庚辛壬癸'] },
      { headlines: ['甲乙丙丁'], paragraphs: ['戊己庚辛壬'] }, // close to gold 1, but less than the exact copy
    ];
    const m = matchArticles(g, p);
    expect([...m.goldToPred]).toEqual([[0, 1], [1, 0]]);
    expect(m.predToGold.has(2)).toBe(false);
  });

  it('assigns each unit to the predicted article containing it, else the most overlapping, else the one before', () => {
    const pred = [{ paragraphs: ['一二三四五', '六七八九十'] }, { headlines: ['甲乙'], paragraphs: ['丙丁戊己庚辛'] }];
    const units = ['一二三四五六七八九十', '庚辛壬癸子丑', '丙丁', '金木水火土'];
    // unit 2 shares one bigram (庚辛) with article 2 only; unit 4 shares nothing: takes unit 3's article
    expect(assignUnits(units, pred)).toEqual([0, 1, 1, 1]);
    expect(assignUnits(['金木水'], pred)).toEqual([0]);
  });
});

const gold = (articles: GoldArticle[], noise: string[] = []): GoldPage => ({
  goldFile: 'x.gold.json', inputFile: 'x.txt', input: 'x.txt', note: null, articles, noise,
});
const art = (a: Partial<GoldArticle>): GoldArticle => ({ headlines: [], title: null, byline: {}, paragraphs: [], ...a });

describe('a page scored by hand', () => {
  const G = gold([
    art({
      headlines: ['江城新建公园十座'], title: '江城新建公园十座',
      byline: { reporters: ['李明'], correspondents: ['王芳'], photographers: [] },
      paragraphs: ['今年江城新建公园十座,总面积达到五十公顷。', '公园全部免费向市民开放。', '市园林局表示明年还将继续建设。'],
    }),
    art({
      headlines: ['图书馆延长开放'], title: '图书馆延长开放',
      byline: { source: '新华社', reporters: ['周敏'] },
      paragraphs: ['从本月起图书馆每晚开放到九点钟。', '读者可以在网上预约座位。'],
    }),
    art({ headlines: ['短讯'], title: '短讯', paragraphs: ['这是一条完全没有被识别出来的短讯内容。'] }),
  ], ['责任编辑:陈静']);
  const pred = [
    { // right text, but the last two paragraphs merged, and the correspondent taken as a reporter
      headlines: ['江城新建公园十座'], title: '江城新建公园十座',
      byline: { reporters: ['李明', '王芳'], correspondents: [], photographers: [] },
      paragraphs: ['今年江城新建公园十座,总面积达到五十公顷。', '公园全部免费向市民开放。市园林局表示明年还将继续建设。'],
    },
    { // perfect except a different subtitle line, and an editor line kept
      headlines: ['图书馆延长开放', '方便读者'], title: '图书馆延长开放',
      byline: { source: '新华社', reporters: ['周 敏'], photographers: ['某某'] },
      paragraphs: ['从本月起图书馆每晚开放到九点钟。', '读者可以在网上预约座位。', '责任编辑:陈静'],
    },
  ];
  const r = evaluatePage(G, pred, null);
  const M = metricsOf(r.counts);

  it('matches two of three gold articles, and counts fields as the scorer does', () => {
    expect(r.counts).toMatchObject({ gold: 3, pred: 2, matched: 2, headlines: 1, title: 2, titled: 2, perfect: 0, noiseLeaks: 1 });
    expect(M.article_precision).toBe(1);
    expect(M.article_recall).toBeCloseTo(2 / 3, 10);
    expect(M.article_f1).toBeCloseTo(0.8, 10);
    expect(M.headlines).toBeCloseTo(1 / 3, 10);
    expect(M.title).toBe(1);
  });

  it('scores byline pairs per role, only for the fields the gold labels', () => {
    // article 1: reporters 李明 ✓, 王芳 ✗ (fp); correspondents 王芳 missed (fn)
    // article 2: source ✓, reporters 周敏 ✓; photographers not labelled → 某某 not counted
    expect(r.counts.byline.reporters).toEqual({ tp: 2, fp: 1, fn: 0 });
    expect(r.counts.byline.correspondents).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(r.counts.byline.source).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(r.counts.byline.photographers).toEqual({ tp: 0, fp: 0, fn: 0 });
    expect(M.byline_precision).toBeCloseTo(3 / 4, 10);
    expect(M.byline_recall).toBeCloseTo(3 / 4, 10);
    expect(M.byline_reporters_precision).toBeCloseTo(2 / 3, 10);
    expect(M.byline_correspondents_recall).toBe(0);
  });

  it('counts paragraphs reproduced exactly (LCS), unmatched gold paragraphs as misses', () => {
    // gold 6 paragraphs; predicted 5; exact in order: 1 + 2
    expect(r.counts).toMatchObject({ paraTP: 3, paraGold: 6, paraPred: 5 });
    expect(M.paragraph_precision).toBeCloseTo(3 / 5, 10);
    expect(M.paragraph_recall).toBeCloseTo(3 / 6, 10);
  });

  it('measures segmentation over the gold paragraphs', () => {
    // units: 3 + 2 + 1 gold paragraphs, k = round(6 / 3 / 2) = 1; the lost short item has no text in
    // any predicted article, so it joins article 2's segment: one boundary missed out of 5 gaps
    expect(r.k).toBe(1);
    expect(r.counts.pk).toEqual({ errors: 1, windows: 5 });
    expect(M.pk).toBeCloseTo(0.2, 10);
    expect(M.windowdiff).toBeCloseTo(0.2, 10);
  });

  it('lists the misses', () => {
    expect(r.misses).toEqual(expect.arrayContaining([
      'unmatched gold article 3: 短讯', 'article 1: byline, paragraphs 1/3 (pred 2)', 'article 2: headlines, paragraphs 2/2 (pred 3)', 'noise kept: 责任编辑:陈静',
    ]));
  });
});

describe('gold joins from a page', () => {
  const text = [
    '大桥通车', // 1
    '', // 2
    '大桥建成后对推动两翼协调发', // 3
    '', // 4
    '展具有重要意义。推动建设与保护深度融合', // 5
    '', // 6
    '合、协同推进。通行时间将由40分钟', // 7
    '2024年3月5日 江城日报 第3版', // 8
    '缩短至10分钟。', // 9
    '图为大桥。 本报记者 赵刚 摄', // 10
  ].join('\n');
  const G = [art({
    headlines: ['大桥通车'],
    paragraphs: ['大桥建成后对推动两翼协调发展具有重要意义。', '推动建设与保护深度融合、协同推进。', '通行时间将由40分钟缩短至10分钟。', '图为大桥。'],
  })];
  const joins = goldJoins(text, G);

  it('finds a join at each line a gold paragraph continues on, skipping furniture, noting duplicates', () => {
    expect(joins.joins.map((j) => [j.line, j.duplicate, j.paragraph])).toEqual([[5, false, 0], [7, true, 1], [9, false, 2]]);
    expect(joins.unlocated).toEqual([]);
  });

  it('scores repairs one-to-one by line', () => {
    const rep = (line: number): Repair => ({ kind: 'clause', line, offset: 0, before: '', after: '', evidence: [] });
    const s = scoreRepairs(joins, [rep(5), rep(7), rep(10), rep(7)]);
    expect([s.tp, s.fp, s.fn]).toEqual([2, 2, 1]);
    expect(s.missed.map((j) => j.line)).toEqual([9]);
  });

  it('reports a paragraph that the input does not hold as unlocated', () => {
    const j = goldJoins(text, [art({ paragraphs: ['这段话不在输入里。'] })]);
    expect(j).toEqual({ joins: [], unlocated: [{ article: 0, paragraph: 0 }] });
  });
});

describe('gold validation', () => {
  it('names the file and the field of every problem', () => {
    const r = parseGold({
      input: 'p.txt',
      articles: [{ headlines: ['x'], paragraphs: ['a', 3] }, { headlines: 'x', byline: { reporter: ['y'] } }],
    }, 'g/p.gold.json');
    expect(r.page).toBeNull();
    expect(r.errors.map((e) => e.message)).toEqual([
      'g/p.gold.json: articles[0].paragraphs[1]: expected a string, got number 3',
      'g/p.gold.json: articles[1].paragraphs: missing (the body paragraphs, a list of strings)',
      'g/p.gold.json: articles[1].headlines: expected a list of strings, got string "x"',
      'g/p.gold.json: articles[1].byline.reporter: unknown field (scored: source, reporters, correspondents, photographers; editors go to "noise")',
    ]);
  });

  it('keeps which byline fields are labelled', () => {
    const r = parseGold({ input: 'p.txt', articles: [{ headlines: [], paragraphs: ['a'], byline: { reporters: [] } }] }, 'p.gold.json');
    expect(r.page!.articles[0]!.byline).toEqual({ reporters: [] });
    expect(r.page!.articles[0]!.title).toBeNull();
  });
});
