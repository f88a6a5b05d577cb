// The document tree (model/tree.ts): every node is placed in the source, and the record is built from it.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parsePage, split } from '../src/pipeline.js';
import { articlesOf, furnitureOf, type AnyNode, type Page } from '../src/model/tree.js';
import { phenomena } from './helpers/cli.js';

const PAGE = [
  '2023年11月4日 重庆日报 第2版',
  '',
  '长江黄金水道扩能',
  '本报讯（记者 张三）11月3日，重庆港口吞吐量创新高，',
  '全年有望突破两亿吨。',
  '',
  '（记者 李四）',
  '',
].join('\n');

function* walk(node: AnyNode): Generator<AnyNode> {
  yield node;
  if ('children' in node) for (const c of node.children as AnyNode[]) yield* walk(c);
}

/** Every node with a value has it in the source at its position (leaves the parser cut, not made up). */
function expectPlaced(page: Page, text: string): void {
  for (const n of walk(page)) {
    const { start, end } = n.position;
    expect(start.offset).toBeLessThanOrEqual(end.offset);
    if (n.type === 'headline' || n.type === 'piece' || n.type === 'lead' || n.type === 'byline' || n.type === 'furniture') {
      // a hard-wrapped unit is its lines joined without their line ends
      expect(text.slice(start.offset, end.offset).replace(/\r\n|\r|\n|\u2028|\u2029/gu, '')).toBe(n.value);
    }
    // line and column agree with the offset
    const before = text.slice(0, start.offset).split(/\r\n|\r|\n|\u2028|\u2029/u);
    expect(start.line).toBe(before.length);
    expect(start.column).toBe(before[before.length - 1]!.length + 1);
  }
}

describe('the document tree', () => {
  it('has Page > Article > Deck > Headline, Lead, Byline, Paragraph > Piece, and Furniture', () => {
    const page = parsePage(PAGE, { file: 'p.txt' });
    expect(page.type).toBe('page');
    const [a] = articlesOf(page);
    expect(a!.children.map((c) => c.type)).toEqual(['deck', 'lead', 'byline', 'paragraph']);
    const deck = a!.children[0]!;
    expect(deck.type === 'deck' && deck.children.map((h) => h.value)).toEqual(['长江黄金水道扩能']);
    expect(a!.children[1]).toMatchObject({ type: 'lead', value: '本报讯（记者 张三）', position: { start: { line: 4, column: 1 } } });
    expect(a!.children[2]).toMatchObject({ type: 'byline', value: '（记者 李四）', data: { kind: 'line' }, position: { start: { line: 7, column: 1 } } });
    const para = a!.children[3]!;
    expect(para.type).toBe('paragraph');
    if (para.type !== 'paragraph') return;
    // two printed pieces joined by a clause repair between them
    expect(para.children.map((c) => c.type)).toEqual(['piece', 'repair', 'piece']);
    expect(para.children[1]).toMatchObject({ data: { kind: 'clause', line: 5 }, position: { start: { line: 5, column: 1 } } });
    expect(furnitureOf(page).map((f) => [f.kind, f.value])).toEqual([['page-header', '2023年11月4日 重庆日报 第2版']]);
    expectPlaced(page, PAGE);
  });

  it('places every node where the source has it, on every phenomenon fixture', () => {
    const cases = phenomena();
    expect(cases.length).toBeGreaterThan(5);
    for (const { name, input } of cases) {
      const text = readFileSync(input, 'utf8');
      expectPlaced(parsePage(text, { file: name }), text);
    }
  });

  it('gives a headline that a hard-wrapped column ran over two lines a node for each line', () => {
    const input = phenomena().find((c) => c.name === 'hard-wrapped-long-headline')!.input;
    const text = readFileSync(input, 'utf8');
    for (const model of [undefined, false] as const) {
      const [a] = articlesOf(parsePage(text, { file: 'wrapped.txt', model }));
      const deck = a!.children[0]!;
      if (deck.type !== 'deck') throw new Error(`no deck: ${deck.type}`);
      expect(deck.children.map((h) => [h.value, h.position.start.line, h.position.end.line])).toEqual([
        ['全市中小学今年秋季起推行课后服务覆盖', 1, 1], ['所有城区学校', 2, 2],
      ]);
      expect(deck.data).toEqual({ title: '全市中小学今年秋季起推行课后服务覆盖所有城区学校', kicker: [], subtitles: [] });
    }
  });

  it('counts from where the page starts in its file', () => {
    const start = { line: 41, column: 3, offset: 1000 };
    const page = parsePage(PAGE, { file: 'p.txt', start });
    expect(page.position.start).toEqual(start);
    const [a] = articlesOf(page);
    // the page's first line starts at column 3; the lead, on the page's line 4, at column 1
    expect(furnitureOf(page)[0]!.position.start).toEqual(start);
    expect(a!.children[1]!.position.start).toEqual({ line: 44, column: 1, offset: 1000 + PAGE.indexOf('本报讯') });
  });

  it('builds the record from the tree: split() is the tree read as records', () => {
    const page = parsePage(PAGE, { file: 'p.txt' });
    const { articles, diagnostics } = split(PAGE, { file: 'p.txt' });
    const [a] = articlesOf(page);
    expect(articles[0]!.byline.raw).toBe('本报讯（记者 张三）\n（记者 李四）');
    expect(articles[0]!.byline.reporters).toEqual(['张三', '李四']);
    expect(articles[0]!.paragraphs).toEqual([a!.children[3]!.type === 'paragraph' ? a!.children[3]!.value : '']);
    expect(articles[0]!.source).toMatchObject({ startLine: 3, endLine: 7, startOffset: a!.position.start.offset, endOffset: a!.position.end.offset });
    expect(diagnostics.furniture).toEqual([{ kind: 'page-header', text: '2023年11月4日 重庆日报 第2版', line: 1, offset: 0 }]);
  });

  it('reports a problem as a message with a rule id', () => {
    const page = parsePage(PAGE, { file: 'p.txt', date: 'soon' });
    expect(page.data.messages).toContainEqual({ reason: expect.stringContaining('--date soon'), ruleId: 'date-option', place: null });
  });
});
