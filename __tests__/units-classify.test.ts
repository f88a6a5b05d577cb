// The parser's first two steps on their own (toUnits, classifyUnit) and the cohesion measure.
import { describe, expect, it } from '@jest/globals';
import { toUnits } from '../src/parse/units.js';
import { classifyUnit } from '../src/parse/classify.js';
import { cohesion, sharedBigrams, tailText, MIN_SIDE } from '../src/transform/cohesion.js';

describe('toUnits', () => {
  it('gives a unit a line, with its trimmed text, offsets, the blank lines before it and its indent', () => {
    const text = '标题一\n\n\n\u3000\u3000正文第一段。\n正文第二段。  \n';
    const { units, furniture } = toUnits(text);
    expect(units.map((u) => [u.text, u.line, u.gap, u.indent])).toEqual([
      ['标题一', 1, 0, false], ['正文第一段。', 4, 2, true], ['正文第二段。', 5, 0, false],
    ]);
    for (const u of units) expect(text.slice(u.offset, u.end)).toBe(u.text);
    expect(furniture).toEqual([]);
  });

  it('cuts furniture glued to a line start off and reports it where it stood', () => {
    const text = '第1版(要闻)专栏: 国务院办公厅发出公告\n';
    const { units, furniture } = toUnits(text);
    expect(furniture).toEqual([{ kind: 'page-header', text: '第1版(要闻)专栏:', line: 1, offset: 0 }]);
    expect(units.map((u) => u.text)).toEqual(['国务院办公厅发出公告']);
    expect(text.slice(units[0]!.offset, units[0]!.end)).toBe('国务院办公厅发出公告');
  });

  it('cuts a line at HTML breaks, reporting the tags as web residue', () => {
    const { units, furniture } = toUnits('第一段。<br/>第二段。\n');
    expect(units.map((u) => [u.text, u.gap])).toEqual([['第一段。', 0], ['第二段。', 0]]);
    expect(furniture).toEqual([{ kind: 'web-residue', text: '<br/>', line: 1, offset: 4 }]);
  });

  it('cuts a flattened web line at sentence ends followed by white space', () => {
    const { units } = toUnits('会议强调要加强领导。 会场上气氛热烈，代表们纷纷发言。\n');
    expect(units.map((u) => [u.text, u.gap])).toEqual([['会议强调要加强领导。', 0], ['会场上气氛热烈，代表们纷纷发言。', -1]]);
  });
});

  describe('hard-wrapped columns', () => {
    // a page wrapped at 12 characters: paragraphs indented, headlines flush
    const wrapped = (eol: string): string => [
      '一号标题', '\u3000\u3000第一段的文字很长很长很', '长很长很长很长很长很长很', '长。',
      '二号标题', '\u3000\u3000第二段的文字也很长很长', '很长很长很长很长很长很长', '很长很长很长很长很长很长', '很长很长完了。',
      '三号标题', '\u3000\u3000第三段。',
    ].join(eol) + eol;

    it('joins a flush line to the full line above it, as printed before the wrap', () => {
      const { units } = toUnits(wrapped('\n'));
      expect(units.map((u) => u.text)).toContain(`第一段的文字很长很长很长很长很长很长很长很长很长。`);
    });

    it('starts a unit at a flush line under a line short of the column width', () => {
      for (const eol of ['\n', '\r\n', '\r']) {
        const { units } = toUnits(wrapped(eol));
        expect(units.map((u) => u.text)).toEqual([
          '一号标题', '第一段的文字很长很长很长很长很长很长很长很长很长。',
          '二号标题', '第二段的文字也很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长完了。',
          '三号标题', '第三段。',
        ]);
      }
    });

    it('records where each later input line of a joined unit starts, in its text and in the input', () => {
      for (const eol of ['\n', '\r\n']) {
        const text = wrapped(eol);
        const { units } = toUnits(text);
        const first = units[1]!;
        expect(first.wraps).toEqual([
          [11, text.indexOf('长很长很长很长很长很长很')],
          [23, text.indexOf('长。')],
        ]);
        for (const [at, offset] of first.wraps!) expect(text.slice(offset, offset + 2)).toBe(first.text.slice(at, at + 2));
        expect(units[0]!.wraps).toBeUndefined();
      }
    });

    it('reads the column width off the lines: a longer one-character shortfall is still full', () => {
      // one wrapped line a character short (a mark pushed to the next line) continues its paragraph
      const text = wrapped('\n').replace('长很长很长很长很长很长很\n长。', '长很长很长很长很长很长\n很长。');
      const { units } = toUnits(text);
      expect(units[1]!.text).toBe('第一段的文字很长很长很长很长很长很长很长很长很长。');
    });

    it('keeps a jump line or an editor line flush under a full line a line of its own', () => {
      for (const furniture of ['（下转第6版）', '（下轉第九版）', '责任编辑：王芳']) {
        // the paragraph's last line fills the column, and the furniture line follows without indent
        const text = wrapped('\n').replace('很长很长完了。', `很长很长很长很长完了。\n${furniture}`);
        const { units } = toUnits(text);
        expect(units.map((u) => u.text)).toContain(furniture);
        expect(units[3]!.text).toBe('第二段的文字也很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长完了。');
      }
    });
  });

describe('classifyUnit', () => {
  const kindOf = (text: string) => classifyUnit(toUnits(`${text}\n`).units[0]!);

  it.each([
    ['2023年11月4日重庆日报 第2版', 'furniture'],
    ['本报讯（记者 张三）重庆港口吞吐量创新高。', 'lead'],
    ['本报记者 王芳 通讯员 李明', 'byline'],
    ['长江黄金水道扩能', 'heading'],
    ['会议指出，要深入学习贯彻，扎实推进各项工作。', 'body'],
  ])('%s is %s', (text, kind) => {
    expect(kindOf(text).kind).toBe(kind);
  });

  it('hangs what it read on the unit: the furniture kind, the lead, the byline, a closing tag', () => {
    expect(kindOf('责任编辑:王芳').furnitureKind).toBe('editor');
    expect(kindOf('本报讯（记者 张三）重庆港口吞吐量创新高。').lead).toMatchObject({ raw: '本报讯（记者 张三）', reporters: ['张三'] });
    expect(kindOf('本报记者 王芳 通讯员 李明').byline).toMatchObject({ reporters: ['王芳'], correspondents: ['李明'] });
    const tagged = kindOf('市民纷纷点赞，称这是一件实事。（吕劲）');
    expect(tagged.kind).toBe('body');
    expect(tagged.tag).toMatchObject({ raw: '（吕劲）', reporters: ['吕劲'] });
  });

  it('lets a profile say what a line is before the generic rules', () => {
    const unit = toUnits('晨光快评\n').units[0]!;
    expect(classifyUnit(unit).kind).not.toBe('furniture');
    const profile = { name: null, roles: [], outlets: [], furniture: [{ kind: 'section-label' as const, pattern: /^晨光快评$/u, example: '晨光快评' }], datelines: [], bylines: [], headlines: [], intertitles: [] };
    expect(classifyUnit(unit, profile)).toMatchObject({ kind: 'furniture', furnitureKind: 'section-label' });
  });
});

describe('cohesion', () => {
  const port = '重庆港口吞吐量创新高，集装箱航线不断加密，港口物流企业持续扩大规模。'.repeat(4);
  const portMore = '港口吞吐量增长带动集装箱航线加密，物流企业扩大规模，港口经济活跃。'.repeat(4);
  const opera = '川剧演员在剧场登台演出，观众为精彩的变脸绝活喝彩，戏曲文化传承有人。'.repeat(4);

  it('is high across an intertitle (one subject) and low across a change of subject', () => {
    const same = cohesion(port, portMore)!;
    const other = cohesion(port, opera)!;
    expect(same).toBeGreaterThan(0.2);
    expect(other).toBeLessThan(0.1);
    expect(cohesion(port, port)).toBeCloseTo(1, 10);
  });

  it('says nothing when a side is too short', () => {
    expect(cohesion(port, opera.slice(0, MIN_SIDE - 1))).toBeNull();
    expect(cohesion('abc'.repeat(50), port)).toBeNull(); // no Han bigrams on one side
  });

  it('measures a line against a text by shared bigrams, and takes the tail of pieces', () => {
    expect(sharedBigrams('港口吞吐量', port)).toBe(1);
    expect(sharedBigrams('川剧变脸', port)).toBe(0);
    expect(tailText([{ text: '甲乙' }, { text: '丙丁' }, { text: '戊己' }], 3)).toBe('丙丁戊己');
  });
});
