import { describe, expect, it } from '@jest/globals';
import { FURNITURE_RULES, matchFurniture } from '../src/knowledge/furniture.js';

describe('furniture rules', () => {
  it.each(FURNITURE_RULES.map((r) => [r.example, r.kind] as const))('each rule takes its own example: %s', (example, kind) => {
    expect(matchFurniture(example)?.kind).toBe(kind);
  });

  it.each([
    ['【责任编辑：张三】', 'editor'], ['[责任编辑:张三]', 'editor'], ['责任编辑 张三', 'editor'], ['本版编辑 张三', 'editor'],
    ['本文来源：新华网', 'editor'], ['（来源：经济日报）', 'editor'], ['A3版 要闻', 'page-header'], ['版面：第02版', 'page-header'],
    ['返回搜狐，查看更多', 'web-residue'],
  ])('knows the variant %s', (text, kind) => {
    expect(matchFurniture(text)?.kind).toBe(kind);
  });

  it.each(['编辑部的同志们说，今年的工作很辛苦。', '编辑 张三说今年很忙。', '来源于群众的智慧', '第3版刊登的文章', '市委常委会举行扩大会议'])(
    'leaves text alone: %s',
    (text) => {
      expect(matchFurniture(text)).toBeNull();
    },
  );
});
