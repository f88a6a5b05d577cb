import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FURNITURE_RULES, FURNITURE_PREFIXES, FURNITURE_SUFFIXES, MAX_FURNITURE_LENGTH } from '../src/knowledge/furniture.js';
import { NeedsScan, applies, matchFurniture } from '../src/knowledge/furniture-match.js';

describe('furniture rules', () => {
  it.each(FURNITURE_RULES.map((r) => [r.example, r.kind] as const))('each rule takes its own example: %s', (example, kind) => {
    expect(matchFurniture(example)?.kind).toBe(kind);
  });

  it.each([
    ['【责任编辑：张三】', 'editor'], ['[责任编辑:张三]', 'editor'], ['责任编辑 张三', 'editor'], ['本版编辑 张三', 'editor'],
    ['本文来源：新华网', 'editor'], ['（来源：经济日报）', 'editor'], ['A3版 要闻', 'page-header'], ['版面：第02版', 'page-header'],
    ['返回搜狐，查看更多', 'web-residue'], ['返回目錄', 'web-residue'],
    ['2024年5月6日 星期一 责任编辑：王小明 版式设计：李华', 'page-header'], ['B3 文体 2024年5月6日 星期一 编辑：王小明', 'page-header'],
    ['第A03版', 'page-header'], ['（下转第二版）', 'jump'], ['详见第5版', 'jump'], ['图片编辑：王五', 'editor'],
    ['编辑/王小明 校对/李华', 'editor'], ['一审：张三 二审：李四 三审：王五', 'editor'], ['本报地址：晨光市滨江路1号 邮编：400000', 'editor'],
    ['转自：晨光网', 'editor'], ['受访者供图', 'image-placeholder'], ['（资料图）', 'image-placeholder'], ['扫码阅读全文', 'web-residue'],
    ['本版责任编辑：曾军', 'editor'], ['本版责任编辑  曾军  版式：林然', 'editor'], ['本版責任編輯曾軍', 'editor'],
    ['2019年10月1日｜05 要闻', 'page-header'], ['2019-10-01 | 第3版', 'page-header'],
    ['廣告', 'section-label'], ['（公益广告）', 'section-label'], ['广 告', 'section-label'],
  ])('knows the variant %s', (text, kind) => {
    expect(matchFurniture(text)?.kind).toBe(kind);
  });

  it.each(['编辑部的同志们说，今年的工作很辛苦。', '编辑 张三说今年很忙。', '来源于群众的智慧', '第3版刊登的文章', '市委常委会举行扩大会议',
    '2024年5月6日下午编辑部召开会议', '扫码支付更便捷', '社址搬迁到新区', '资料图里的老街', '一审判决维持原判', '转自己的钱要小心',
    '本版编辑今天说，这是好事。', '2019-10-01 | 35 | 42', '广告语', '广告公司', '公益广告进社区'])(
    'leaves text alone: %s',
    (text) => {
      expect(matchFurniture(text)).toBeNull();
    },
  );
});

describe('the needs scan', () => {
  /** the rules tried one by one, each need searched on its own: what matchFurniture must agree with */
  const oneByOne = (text: string) =>
    FURNITURE_RULES.find((r) => text.length <= (r.maxLength ?? MAX_FURNITURE_LENGTH) && applies(r, text) && r.pattern.test(text)) ?? null;
  // lines made of the rules' own examples, their needs and ordinary characters, cut and joined at random
  const needs = [...new Set(FURNITURE_RULES.flatMap((r) => r.needs ?? []))];
  const pieces = [...FURNITURE_RULES.map((r) => r.example), ...needs, '张三', '2024年5月6日', ' ', '：', '。', '第', '3', 'A'];

  it('takes the same rule as trying every rule and need in turn', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), fc.nat(40), (parts, cut) => {
      const text = parts.join('').slice(cut % 7);
      expect(matchFurniture(text)).toBe(oneByOne(text));
    }), { seed: 20261127, numRuns: 3000 });
  });

  it('agrees on lines longer than most rules take (only the long rules are tried there)', () => {
    const long = [...pieces, '1. ', '12.\t', '市政府召开常务会议部署春耕生产'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...long), { minLength: 6, maxLength: 30 }), fc.nat(40), (parts, cut) => {
      const text = parts.join('').slice(cut % 7);
      expect(matchFurniture(text)).toBe(oneByOne(text));
    }), { seed: 20261127, numRuns: 2000 });
    expect(matchFurniture(`1. ${'市政府召开常务会议部署春耕生产'.repeat(7)}`)?.kind).toBe('table-of-contents');
  });

  it('never skips a rule whose pattern matches: each rule\'s needs hold for every unit it takes', () => {
    const more = [
      ...pieces, 'BANNER', 'Image', '[IMG]', '640X480', '1985-01-02', '返回顶部', '[关闭]', '首頁>', '當前位置：',
      ...[...FURNITURE_PREFIXES, ...FURNITURE_SUFFIXES].flatMap((r) => [r.example, ...(r.needs ?? []), ...(r.starts ?? ''), ...(r.ends ?? '')]),
      '第1版', '专栏', '上接', '下转', '（下转第3版）', ' |', '｜ ',
    ];
    fc.assert(fc.property(fc.array(fc.constantFrom(...more), { minLength: 1, maxLength: 4 }), fc.nat(40), (parts, cut) => {
      // as units reach the rules: trimmed, never blank
      const text = parts.join('').slice(cut % 5).trim();
      if (!text) return;
      for (const rule of [...FURNITURE_RULES, ...FURNITURE_PREFIXES, ...FURNITURE_SUFFIXES]) {
        if (rule.pattern.test(text)) expect([rule.example, applies(rule, text)]).toEqual([rule.example, true]);
      }
    }), { seed: 20261127, numRuns: 3000 });
  });

  it('sees a need at the end of the line and one inside another', () => {
    expect(new NeedsScan([{ kind: 'editor', example: 'x', pattern: /^.*$/u, needs: ['长按'] }]).match('请长按')?.kind).toBe('editor');
    expect(new NeedsScan([{ kind: 'editor', example: 'x', pattern: /^.*$/u, needs: ['P.', '.'] }]).match('P.')?.kind).toBe('editor');
    expect(new NeedsScan([{ kind: 'editor', example: 'x', pattern: /^.*$/u, needs: ['长按'] }]).match('长 按')).toBeNull();
  });
});

describe('page-opening headers', () => {
  it('are the rows the table flags opensPage, whatever their examples say', async () => {
    const { FURNITURE_RULES } = await import('../src/knowledge/furniture.js');
    const { PAGE_BREAK_RULES } = await import('../src/read/pages.js');
    const flagged = FURNITURE_RULES.filter((r) => r.opensPage);
    expect(flagged.every((r) => r.kind === 'page-header' && r.pattern.test(r.example))).toBe(true);
    expect(PAGE_BREAK_RULES).toEqual(flagged.map((r) => r.pattern));
    // the ten numbered headers; not the date-only ones, not the mirror's 专栏 separator
    expect(flagged.map((r) => r.example)).toContain('第 1 版');
    expect(flagged.map((r) => r.example)).not.toContain('1985-01-02');
    expect(flagged.map((r) => r.example)).not.toContain('第1版(要闻)专栏:');
    expect(flagged).toHaveLength(10);
  });
});
