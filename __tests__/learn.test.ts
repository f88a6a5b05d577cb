// The structure model's parts on their own: the decoder against brute force, the trainer's
// determinism and learning, the gold aligner on an invented page, the model file round trip.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { viterbi, emissionScores, addEmission, type ChainWeights } from '../src/learn/viterbi.js';
import { train, seeded, averageWeights } from '../src/learn/perceptron.js';
import { alignPage, newAlignment, repairSequence } from '../src/learn/align.js';
import { serializeModel, parseModel, ModelError, shippedModel, compileModel, openCompiledModel, SHIPPED_MODEL_FILE } from '../src/learn/model.js';
import { LABELS, ALLOWED_TRANSITION, L, allowedLabels, applyMask, maskedLabel, FURNITURE, TITLE, START, BODY } from '../src/learn/labels.js';
import { FEATURE_COUNT, FEATURES_PER_UNIT, pageFeatures, eachUnitFeatures, sameShapes } from '../src/learn/features.js';
import { labelledPages, sequencesOf, trainOn } from '../src/learn/train.js';
import { jiebaLexicon } from '../src/lexicon/jieba.js';
import { toUnits } from '../src/parse/units.js';
import { classifyUnit } from '../src/parse/classify.js';
import { assemble, structure } from '../src/transform/structure.js';

/** The best allowed sequence by trying them all (small n and labels only). */
function bruteForce(scores: Float64Array, n: number, w: ChainWeights): { best: number; seq: number[] } {
  const Lw = w.labels;
  let best = -Infinity;
  let seq: number[] = [];
  const cur: number[] = [];
  const walk = (i: number, total: number): void => {
    if (i === n) { if (total > best) { best = total; seq = [...cur]; } return; }
    for (let y = 0; y < Lw; y++) {
      const from = i === 0 ? Lw : cur[i - 1]!;
      if (!w.allowed[from * Lw + y]) continue;
      cur.push(y);
      walk(i + 1, total + w.transition[from * Lw + y]! + scores[i * Lw + y]!);
      cur.pop();
    }
  };
  walk(0, 0);
  return { best, seq };
}

const pathScore = (seq: ArrayLike<number>, scores: Float64Array, w: ChainWeights): number => {
  let s = 0;
  for (let i = 0; i < seq.length; i++) s += w.transition[(i === 0 ? w.labels : seq[i - 1]!) * w.labels + seq[i]!]! + scores[i * w.labels + seq[i]!]!;
  return s;
};

describe('viterbi', () => {
  it('finds the best allowed sequence (against brute force)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 1 << 30 }), (n, seed) => {
      const r = seeded(seed);
      const w: ChainWeights = {
        labels: L, emission: new Float64Array(0), allowed: ALLOWED_TRANSITION,
        transition: Float64Array.from({ length: (L + 1) * L }, () => Math.round((r() - 0.5) * 8)),
      };
      const scores = Float64Array.from({ length: n * L }, () => Math.round((r() - 0.5) * 10));
      const got = viterbi(scores, n, w);
      const want = bruteForce(scores, n, w);
      expect(pathScore(got, scores, w)).toBe(want.best);
      for (let i = 0; i < n; i++) expect(ALLOWED_TRANSITION[(i === 0 ? L : got[i - 1]!) * L + got[i]!]).toBe(1);
    }), { numRuns: 300, seed: 7 });
  });

  it('never starts a page with body text or puts a subtitle above its title', () => {
    const w: ChainWeights = { labels: L, emission: new Float64Array(0), transition: new Float64Array((L + 1) * L), allowed: ALLOWED_TRANSITION };
    const scores = new Float64Array(2 * L);
    scores[LABELS.indexOf('body')] = 10; // the first unit "wants" to be body
    scores[L + LABELS.indexOf('subtitle')] = 10;
    const got = [...viterbi(scores, 2, w)].map((y) => LABELS[y]);
    expect(got[0]).not.toBe('body');
    expect(got).not.toEqual(['start', 'subtitle']);
  });
});

describe('scoring at run time', () => {
  // the decoder's path (eachUnitFeatures + addEmission, one buffer a unit) against training's
  // (pageFeatures + emissionScores): the same indices and the same scores, to the bit
  it('gives the indices and scores that training sees', () => {
    const model = shippedModel()!;
    for (const file of ['fixtures/cqrb-2023-11-04-p1.txt', 'fixtures/bench/stories.txt']) {
      const units = toUnits(readFileSync(file, 'utf8')).units.map((u) => classifyUnit(u));
      const features = pageFeatures(units, jiebaLexicon());
      const scores = new Float64Array(units.length * L);
      let seen = 0;
      eachUnitFeatures(units, jiebaLexicon(), (i, ids) => {
        expect(ids).toHaveLength(FEATURES_PER_UNIT);
        expect([...ids]).toEqual([...features[i]!]);
        addEmission(ids, model, scores, i);
        seen++;
      });
      expect(seen).toBe(units.length);
      for (const f of features) for (const k of f) expect(k >= 0 && k < FEATURE_COUNT).toBe(true);
      expect(Buffer.from(scores.buffer).equals(Buffer.from(emissionScores(features, model).buffer))).toBe(true);
    }
  });
});

describe('the perceptron', () => {
  // two features: 0 is on for "deck" units, 1 for "body" units; the labels follow them
  const data = Array.from({ length: 20 }, (_, k) => {
    const n = 3 + (k % 4);
    const features = Array.from({ length: n }, (_, i) => Int32Array.of(i === 0 ? 0 : 1, 2));
    return { features, labels: Int32Array.from({ length: n }, (_, i) => (i === 0 ? LABELS.indexOf('title') : LABELS.indexOf('body'))) };
  });
  const options = { labels: L, features: 3, allowed: ALLOWED_TRANSITION, epochs: 4 };

  it('learns a separable task', () => {
    const w = train(data, options);
    for (const d of data) expect([...viterbi(emissionScores(d.features, w), d.labels.length, w)]).toEqual([...d.labels]);
  });

  it('gives the same weights for the same data and seed', () => {
    const a = train(data, { ...options, seed: 3 });
    const b = train(data, { ...options, seed: 3 });
    expect(Buffer.from(a.emission.buffer).equals(Buffer.from(b.emission.buffer))).toBe(true);
    expect(Buffer.from(a.transition.buffer).equals(Buffer.from(b.transition.buffer))).toBe(true);
  });
});

describe('aligning gold to units', () => {
  const page = [
    '2024年3月5日 江城日报 第2版', '',
    '擦亮老字号招牌', '江城百年老店焕发新活力', '——今年已有12家老字号完成数字化改造', '',
    '本报讯(记者 李 明)3月4日上午,记者走进位于东门街的陈记糕点,店内顾客络绎不绝。', '',
    '据市商务局介绍,今年将安排专项资金500万元,支持老字号企业开展品牌推广。', '',
    '本报记者  王  亮摄', '',
    '城南菜市场完成改造', '',
    '经过半年施工,城南菜市场昨天重新开业,摊位由原来的80个增加到120个,', '',
    '市民买菜更方便了。', '',
    '责任编辑:陈静',
  ].join('\n');
  const gold = {
    articles: [
      { headlines: ['擦亮老字号招牌', '江城百年老店焕发新活力', '——今年已有12家老字号完成数字化改造'], title: '江城百年老店焕发新活力',
        paragraphs: ['3月4日上午,记者走进位于东门街的陈记糕点,店内顾客络绎不绝。', '据市商务局介绍,今年将安排专项资金500万元,支持老字号企业开展品牌推广。'] },
      { headlines: ['城南菜市场完成改造'], title: '城南菜市场完成改造',
        paragraphs: ['经过半年施工,城南菜市场昨天重新开业,摊位由原来的80个增加到120个,市民买菜更方便了。'] },
    ],
    noise: ['2024年3月5日 江城日报 第2版', '责任编辑:陈静'],
  };

  it('labels deck roles from the gold title, body, a removed credit and furniture', () => {
    const units = toUnits(page).units.map((u) => classifyUnit(u));
    const labels = [...alignPage(units, gold, newAlignment())].map((y) => LABELS[y]);
    expect(labels).toEqual([
      'furniture', 'kicker', 'title', 'subtitle', 'body', 'body', 'body', 'title', 'body', 'body', 'furniture',
    ]);
  });

  it('gives every page a label sequence the decoder can produce', () => {
    // the page shows the kicker of the gold deck but not its title: the kicker is the title, and the
    // paragraph under it is its body (a deck followed by a `start` can never be decoded)
    const shown = ['春节长假后，工作第一天——', '', '新年新作为，我们加油干！各地干部群众投入新一年的工作。'].join('\n');
    const g = { articles: [{ headlines: ['春节长假后，工作第一天——', '我们加油干'], title: '我们加油干', paragraphs: ['新年新作为，我们加油干！各地干部群众投入新一年的工作。'] }] };
    const units = toUnits(shown).units.map((u) => classifyUnit(u));
    expect([...alignPage(units, g, newAlignment())].map((y) => LABELS[y])).toEqual(['title', 'body']);
    // and any sequence at all, up to four units
    for (let n = 1; n <= 4; n++) {
      for (let k = 0; k < L ** n; k++) {
        const labels = Int32Array.from({ length: n }, (_, i) => Math.floor(k / L ** i) % L);
        repairSequence(labels);
        labels.forEach((y, i) => { expect(ALLOWED_TRANSITION[(i === 0 ? L : labels[i - 1]!) * L + y]).toBe(1); });
      }
    }
  });

  it('reads a hand-labelled gold file of the repository', () => {
    const pages = labelledPages('fixtures/gold/deck-lead.gold.json');
    expect(pages).toHaveLength(1);
    const labels = [...pages[0]!.labels].map((y) => LABELS[y]);
    expect(labels[0]).toBe('furniture');
    expect(labels.slice(1, 4)).toEqual(['kicker', 'title', 'subtitle']);
    expect(labels.at(-1)).toBe('furniture');
  });
});

describe('the model file', () => {
  it('round-trips weights to two decimals and refuses other files', () => {
    const r = seeded(5);
    const w: ChainWeights = {
      labels: L, allowed: ALLOWED_TRANSITION,
      emission: Float64Array.from({ length: FEATURE_COUNT * L }, () => (r() < 0.01 ? Math.round((r() - 0.5) * 1000) / 100 : 0)),
      transition: Float64Array.from({ length: (L + 1) * L }, () => Math.round((r() - 0.5) * 1000) / 100),
    };
    const m = parseModel(serializeModel(w, { test: true }), 'x.json');
    const worst = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
      let d = 0;
      for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k]! - b[k]!));
      return d;
    };
    expect(m.emission).toHaveLength(w.emission.length);
    expect(worst(m.emission, w.emission)).toBeLessThan(1e-5);
    expect(worst(m.transition, w.transition)).toBeLessThan(1e-5);
    expect(m.recipe).toEqual({ test: true });
    expect(() => parseModel('{"format":"other"}', 'y.json')).toThrow(ModelError);
    expect(() => parseModel('not json', 'z.json')).toThrow(/not JSON/);
    const json = JSON.parse(serializeModel(w, {}));
    json.templates = ['bias'];
    expect(() => parseModel(JSON.stringify(json), 'old.json')).toThrow(/another feature table/);
  });

  it('opens the build\'s compiled copy of a model only for the very bytes it was made from', () => {
    const json = readFileSync(SHIPPED_MODEL_FILE, 'utf8');
    const parsed = parseModel(json, 'structure.json');
    const compiled = compileModel(json, 'structure.json');
    const opened = openCompiledModel(compiled, Buffer.from(json))!;
    expect(opened).toEqual(parsed);
    expect(Array.from(opened.emission)).toEqual(Array.from(parsed.emission));
    // a retrained file (npm run train, no build since): the copy is not used
    const other = Buffer.from(json.replace(/"transition":\[(-?\d+)/u, (_, v: string) => `"transition":[${Number(v) + 1}`));
    expect(other.length).toBe(Buffer.byteLength(json));
    expect(openCompiledModel(compiled, other)).toBeNull();
    expect(openCompiledModel(compiled.subarray(0, 100), Buffer.from(json))).toBeNull();
  });

  it('a small training run on the repository gold is deterministic, byte for byte', () => {
    const seqs = sequencesOf(['fixtures/gold/deck-lead.gold.json', 'fixtures/gold/short-items.gold.json', 'fixtures/gold/page-break.gold.json'].flatMap((f) => labelledPages(f)));
    const a = serializeModel(trainOn(seqs, { epochs: 3, seed: 2 }), {});
    const b = serializeModel(trainOn(seqs, { epochs: 3, seed: 2 }), {});
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(1000);
    expect(readFileSync('fixtures/gold/deck-lead.gold.json', 'utf8')).toContain('articles');
  });

  it('averages runs of other seeds weight by weight, and the mean of one run is that run', () => {
    const seqs = sequencesOf(['fixtures/gold/deck-lead.gold.json', 'fixtures/gold/short-items.gold.json'].flatMap((f) => labelledPages(f)));
    const a = trainOn(seqs, { epochs: 2, seed: 1 });
    const b = trainOn(seqs, { epochs: 2, seed: 5 });
    const mean = averageWeights([a, b]);
    expect(mean.labels).toBe(a.labels);
    expect(mean.allowed).toBe(a.allowed);
    for (const k of [0, 1, 17, a.emission.length - 1]) expect(mean.emission[k]).toBeCloseTo((a.emission[k]! + b.emission[k]!) / 2, 12);
    for (let k = 0; k < a.transition.length; k++) expect(mean.transition[k]).toBeCloseTo((a.transition[k]! + b.transition[k]!) / 2, 12);
    // the two seeds do learn different weights, so the test above is not comparing a run with itself
    expect(Array.from(a.emission)).not.toEqual(Array.from(b.emission));
    expect(Array.from(averageWeights([a]).emission)).toEqual(Array.from(a.emission));
    expect(serializeModel(averageWeights([a, b]), {})).toBe(serializeModel(averageWeights([a, b]), {}));
    expect(() => averageWeights([])).toThrow(/no runs/u);
    expect(() => averageWeights([a, { ...b, emission: b.emission.subarray(1) }])).toThrow(/different feature tables/u);
  });
});

describe('the assembler reads the deck the labels leave short', () => {
  const unitsOf = (lines: string[]) => toUnits(lines.join('\n\n')).units.map((u) => classifyUnit(u));
  const labelsOf = (names: string[]) => Int32Array.from(names, (n) => LABELS.indexOf(n as (typeof LABELS)[number]));
  const body = '近日,位于巴南区的渝湘复线高速公路芦沟河特大桥施工现场,左幅顺利合龙,其余结构在加紧施工中。';

  it('takes heading lines between a short lone title and the first paragraph into the deck', () => {
    const units = unitsOf(['渝湘复线高速公路', '芦沟河特大桥', '左幅顺利合龙', body]);
    const { drafts } = assemble(units, labelsOf(['title', 'body', 'body', 'body']));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.headlines.map((h) => h.text)).toEqual(['渝湘复线高速公路', '芦沟河特大桥', '左幅顺利合龙']);
    expect(drafts[0]!.deck).toEqual(['title', 'title', 'title']);
    expect(drafts[0]!.pieces.map((p) => p.text)).toEqual([body]);
  });

  it('leaves an intertitle after a full title, or before a byline line, in the body', () => {
    const full = unitsOf(['进一步做好“六稳”工作（经济形势理性看）', '内容提要', body]);
    expect(assemble(full, labelsOf(['title', 'body', 'body'])).drafts[0]!.headlines).toHaveLength(1);
    const byline = unitsOf(['老年人的新生活', '餐餐好滋味', '本报记者  贺  勇', body]);
    const d = assemble(byline, labelsOf(['title', 'body', 'body', 'body'])).drafts[0]!;
    expect(d.headlines.map((h) => h.text)).toEqual(['老年人的新生活']);
    expect(d.pieces[0]!.text).toBe('餐餐好滋味');
  });
});

describe('what the weights cannot overrule', () => {
  it('a dateline lead is an item\'s start or its body, never furniture or a deck line', () => {
    const mask = allowedLabels([{ kind: 'lead', text: '新华社北京10月12日电 记者张三' }])[0]!;
    expect(LABELS.filter((_, y) => mask & (1 << y))).toEqual(['start', 'body']);
  });

  it('an image placeholder the furniture rules take is furniture (头条787x93px, 1今天要闻banner, 视觉中国供图)', () => {
    const units = toUnits(['头条787x93px', '1今天要闻banner', '视觉中国供图'].join('\n\n')).units.map((u) => classifyUnit(u));
    expect(units.map((u) => u.furnitureKind)).toEqual(['image-placeholder', 'image-placeholder', 'image-placeholder']);
    const masks = Array.from(allowedLabels(units), (m) => LABELS.filter((_, y) => m & (1 << y)));
    expect(masks).toEqual([['furniture'], ['furniture'], ['furniture']]);
  });

  it('a byline line standing alone or a caption is never a deck line', () => {
    const units = toUnits(['本报记者  贺  勇', '图为市民在公园里晨练。张三摄', '图说：新建成的大桥。', '老年人的新生活'].join('\n\n')).units.map((u) => classifyUnit(u));
    expect(units.map((u) => u.kind)).toEqual(['byline', 'body', 'body', 'heading']);
    const masks = Array.from(allowedLabels(units), (m) => LABELS.filter((_, y) => m & (1 << y)));
    expect(masks.slice(0, 3)).toEqual([['furniture', 'start', 'body'], ['furniture', 'start', 'body'], ['furniture', 'start', 'body']]);
    expect(masks[3]).toEqual([]);
    // under weights that favour a title for every unit, the caption still decodes as no deck line
    const scores = applyMask(Float64Array.from({ length: units.length * L }, (_, k) => (k % L === TITLE ? 1e6 : 0)), allowedLabels(units));
    const labels = Array.from(viterbi(scores, units.length, shippedModel()!), (y) => LABELS[y]);
    expect(labels.slice(0, 3).every((l) => l === 'furniture' || l === 'start' || l === 'body')).toBe(true);
    expect(labels[3]).not.toBe('furniture');
  });

  it('a unit longer than any printed deck line is never one, whatever its marks (申報 prose has only 、)', () => {
    const long = `${'捷政府昨已决定提出法案、將現行之兵役期限延長、'.repeat(18)}以資應付目前之局勢`;
    const units = [{ kind: 'body', text: long }, { kind: 'body', text: long.slice(0, 320) }];
    const masks = Array.from(allowedLabels(units), (m) => LABELS.filter((_, y) => m & (1 << y)));
    expect(masks[0]).toEqual(['furniture', 'start', 'body']);
    // the longest deck line of the training records (a subtitle of 329 characters) stays possible
    expect(masks[1]).toEqual([]);
  });

  it('prose is never furniture: a page of one paragraph gives its article under weights that favour furniture', () => {
    const prose = '江边新建 一座图书馆 晨光TV讯（特约观察员 王小明）5月5日上午，江边新图书馆正式开放，市民排队入馆。';
    const units = toUnits(`${prose}\n\n责任编辑：张三\n\n图书馆今日开放\n`).units.map((u) => classifyUnit(u));
    expect(units.map((u) => u.kind)).toEqual(['body', 'furniture', 'heading']);
    const masks = Array.from(allowedLabels(units), (m) => LABELS.filter((_, y) => m & (1 << y)));
    // the prose line: anything but furniture; the editor line: furniture only; a short line: free
    expect(masks).toEqual([['kicker', 'title', 'subtitle', 'start', 'body'], ['furniture'], []]);
    const model = shippedModel()!;
    const emission = Float64Array.from(model.emission, (_, k) => (k % L === FURNITURE ? 100 : 0));
    const { drafts } = structure(units.slice(0, 1), { ...model, emission }, jiebaLexicon());
    expect(drafts).toHaveLength(1);
    // a short line with no sentence end is no prose, and furniture it may be
    expect(allowedLabels([{ kind: 'body', text: '图书馆今日开放。' }])[0]).toBe(0);
  });

  it('a gold label the mask forbids becomes the nearest allowed one', () => {
    const mask = allowedLabels([{ kind: 'body', text: '5月5日上午，江边新图书馆正式开放，市民排队入馆，馆内设有阅览室、报告厅和儿童图书区。' }])[0]!;
    // furniture in the gold: an item's start at the page's top or after furniture, else body
    expect(LABELS[maskedLabel(FURNITURE, mask, L)]).toBe('start');
    expect(LABELS[maskedLabel(FURNITURE, mask, FURNITURE)]).toBe('start');
    expect(LABELS[maskedLabel(FURNITURE, mask, BODY)]).toBe('body');
    expect(LABELS[maskedLabel(TITLE, mask, BODY)]).toBe('title');
  });

  it('a page of one lead gives its article even under weights that favour furniture', () => {
    const units = toUnits('本报讯（记者 张三 通讯员 李四）市图书馆昨日举办公开课，市民踊跃参加。\n').units.map((u) => classifyUnit(u));
    expect(units.map((u) => u.kind)).toEqual(['lead']);
    const model = shippedModel()!;
    // every feature says furniture by far
    const emission = Float64Array.from(model.emission, (_, k) => (k % L === FURNITURE ? 100 : 0));
    const scores = applyMask(new Float64Array(L).fill(0).map((_, y) => (y === FURNITURE ? 1e6 : 0)), allowedLabels(units));
    expect(scores[FURNITURE]).toBe(-Infinity);
    expect([START, BODY].every((y) => Number.isFinite(scores[y]!))).toBe(true);
    const { drafts } = structure(units, { ...model, emission }, jiebaLexicon());
    expect(drafts).toHaveLength(1);
  });
});

describe('intertitles in series', () => {
  const body = '马镇就位于坝上草原，在丰宁的大滩镇北部，占地达1150公顷，是一座以马文化为主题的小镇。';
  const unitsOf = (lines: string[]) => toUnits(lines.join('\n\n')).units.map((u) => classifyUnit(u));
  const heading = (units: ReturnType<typeof unitsOf>) => (i: number) => units[i]!.kind === 'heading';

  it('counts the heading lines of the same length and spacing above and below each', () => {
    const units = unitsOf(['京北草原 策马奔腾', body, '观 马', body, body, '骑 马', body, '品 马', body, '金秋走金城', body]);
    const { before, after } = sameShapes(units, heading(units));
    const at = (text: string) => units.findIndex((u) => u.text === text);
    expect([before[at('观 马')], after[at('观 马')]]).toEqual([0, 2]);
    expect([before[at('骑 马')], after[at('骑 马')]]).toEqual([1, 1]);
    expect([before[at('品 马')], after[at('品 马')]]).toEqual([2, 0]);
    // a title of another length and form stands alone, and so does one of five characters against two spaced ones
    expect([before[at('京北草原 策马奔腾')], after[at('京北草原 策马奔腾')]]).toEqual([0, 0]);
    expect([before[at('金秋走金城')], after[at('金秋走金城')]]).toEqual([0, 0]);
    // body lines are not compared
    expect(before[1]).toBe(0);
  });

  it('looks no further than 40 units', () => {
    const units = unitsOf(['观 马', ...Array.from({ length: 40 }, () => body), '骑 马']);
    const { before, after } = sameShapes(units, heading(units));
    expect(after[0]).toBe(0);
    expect(before[units.length - 1]).toBe(0);
  });
});
