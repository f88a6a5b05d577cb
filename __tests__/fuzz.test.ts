// Property tests: random pages never crash the parser, give the same answer twice, and lose nothing.
// fast-check seed and run counts are fixed so that a failure is reproducible: SEED below, NUM_RUNS each.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { split } from '../src/pipeline.js';
import { verify, describeVerifyReport } from '../src/verify.js';
import { decodeBuffer, DecodeError } from '../src/read/decode.js';

const SEED = 20261127;
const NUM_RUNS = 300;

const han = fc.constantFrom(...'建设发展合作会议城市经济市民广场新区改革服务项目重庆北京上海张李王刘陈明华国伟合融'.split(''));
const punct = fc.constantFrom('，', '、', '。', '！', '？', '；', '：', '“', '”', '（', '）', '(', ')', '《', '》', '…', ',', '.', '|', '·');
const space = fc.constantFrom(' ', '\u3000', '\t', '\u00a0', '');
const words = (min: number, max: number) => fc.array(fc.oneof({ weight: 8, arbitrary: han }, { weight: 2, arbitrary: punct }, { weight: 1, arbitrary: space }), { minLength: min, maxLength: max }).map((a) => a.join(''));

const headline = words(2, 20).map((s) => s.replace(/[。！？]/g, ''));
const lead = fc.tuple(fc.constantFrom('本报讯', '新华社北京5月27日电', '重庆日报讯', '中新网重庆1月29日电', '据新华社电'),
  fc.constantFrom('', '(记者 张 璐)', '（记者 王小明 通讯员 李华）', '(记者 刘伟)'), words(5, 60))
  .map(([a, b, c]) => `${a}${b}${c}。`);
const paragraph = words(5, 120).map((s) => `${s}。`);
const furniture = fc.constantFrom('第 1 版', '责任编辑:赵敏', '下转第2版', '2023年11月4日 星期六', '来源:新民晚报 记者:李明', '>>重庆实施计划', '【导读】', '■ 黄教授', '首页 > 新闻 > 正文', '1985-01-02');
const credit = fc.constantFrom('重庆日报记者 谢智强 摄/视觉重庆', '张三 摄', '(吕劲)', '本报记者 孙 振 胡婧怡', '图/李明');
const piece = fc.oneof(headline, lead, paragraph, furniture, credit);
const lineEnd = fc.constantFrom('\n', '\n\n', '\n\n\n', '\r\n', '\r', ' ', '\u2028');
const page = fc.array(fc.tuple(piece, lineEnd), { minLength: 1, maxLength: 25 }).map((ps) => ps.map(([p, e]) => p + e).join(''));

/** Random cuts and duplications: a page broken mid-line, with characters repeated at the break. */
const damaged = fc.tuple(page, fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom('\n', '\n\n', '\n\n\n')), { maxLength: 6 }))
  .map(([text, cuts]) => {
    let t = text;
    for (const [at, dup, br] of cuts) {
      const i = t.length ? at % t.length : 0;
      const ch = t[i] ?? '';
      t = t.slice(0, i) + (dup ? ch : '') + br + t.slice(i);
    }
    return t;
  });

function conserved(text: string, repair = true): void {
  const result = split(text, { repair });
  const report = verify(text, result);
  if (!report.ok) throw new Error(`${describeVerifyReport(report).join('\n')}\ninput: ${JSON.stringify(text)}`);
  // the same answer twice
  expect(JSON.stringify(split(text, { repair }))).toBe(JSON.stringify(result));
}

describe(`fuzz (fast-check seed ${SEED}, ${NUM_RUNS} runs per property)`, () => {
  it('pages built from headline / lead / paragraph / furniture / credit pieces', () => {
    fc.assert(fc.property(page, (t) => conserved(t)), { seed: SEED, numRuns: NUM_RUNS });
  });

  it('pages with random cuts and duplicated characters at the cuts, repair on and off', () => {
    fc.assert(fc.property(damaged, fc.boolean(), (t, repair) => conserved(t, repair)), { seed: SEED + 1, numRuns: NUM_RUNS });
  });

  it('arbitrary strings (any code unit, lone surrogates included)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => conserved(t)), { seed: SEED + 2, numRuns: NUM_RUNS });
  });

  it('random bytes: decoded or refused with a DecodeError, never another exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
      let text: string;
      try {
        text = decodeBuffer(bytes).text;
      } catch (err) {
        expect(err).toBeInstanceOf(DecodeError);
        return;
      }
      expect(text).not.toContain('\ufffd');
      conserved(text);
    }), { seed: SEED + 3, numRuns: NUM_RUNS });
  });
});
