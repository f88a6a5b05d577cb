/**
 * `--format tree`: the document tree of each page with its positions, one node a line, indented
 * as unist-util-inspect draws a unist tree. For debugging the parser and for auditing where a
 * record came from: every position is line:column-line:column (offset-offset) in the input file.
 *
 *   page[3] 1:1-12:1 (0-340) file="a.txt" page=1
 *   ├─ furniture "2023年11月4日 重庆日报 第2版" 1:1-1:20 (0-19) kind=page-header rule=furniture-line
 *   └─ article[3] 3:1-7:8 (21-95) id="a.txt#1"
 *      ├─ deck[1] 3:1-3:9 (21-29) title="长江黄金水道扩能"
 *      │  └─ headline "长江黄金水道扩能" 3:1-3:9 (21-29)
 *      …
 *
 * The emitter reads the page's tree (Emitter.page), which the CLI hands over where the page was
 * split; it has no use for the flat records.
 */
import type { AnyNode, Page, Position } from '../model/tree.js';
import type { EmitterFactory } from './types.js';

const at = (p: Position): string =>
  `${p.start.line}:${p.start.column}-${p.end.line}:${p.end.column} (${p.start.offset}-${p.end.offset})`;

const quote = (s: string, max = 40): string => JSON.stringify([...s].length > max ? `${[...s].slice(0, max).join('')}…` : s);

/** What a node's line says after its type and position. */
function details(n: AnyNode): string {
  switch (n.type) {
    case 'page': return `file=${quote(n.data.file)} page=${n.data.page}${n.data.pageDate ? ` pageDate=${n.data.pageDate}` : ''}`;
    case 'article': return `id=${quote(n.data.id)}${n.data.dateline?.date ? ` date=${n.data.dateline.date}` : ''}`;
    case 'deck': return `title=${quote(n.data.title)}`;
    case 'byline': return `kind=${n.data.kind}`;
    case 'furniture': return `kind=${n.kind} rule=${n.rule}`;
    case 'repair': return `kind=${n.data.kind}${n.data.dropped ? ` dropped=${quote(n.data.dropped)}` : ''}`;
    default: return '';
  }
}

function line(n: AnyNode): string {
  const count = 'children' in n ? `[${n.children.length}]` : '';
  const value = 'value' in n ? ` ${quote(n.value)}` : '';
  const more = details(n);
  return `${n.type}${count}${value} ${at(n.position)}${more ? ` ${more}` : ''}`;
}

/** The tree drawn as text, one node a line. */
export function inspectTree(root: AnyNode): string {
  const out: string[] = [];
  const draw = (n: AnyNode, prefix: string, lead: string): void => {
    out.push(lead + line(n));
    const kids = ('children' in n ? n.children : []) as AnyNode[];
    kids.forEach((c, i) => {
      const last = i === kids.length - 1;
      draw(c, prefix + (last ? '   ' : '│  '), prefix + (last ? '└─ ' : '├─ '));
    });
  };
  draw(root, '', '');
  return `${out.join('\n')}\n`;
}

/** A page's messages, after its tree. */
function messages(page: Page): string {
  return page.data.messages.map((m) => `! ${m.ruleId}${m.place ? ` ${at(m.place)}` : ''}: ${m.reason}\n`).join('');
}

export const tree: EmitterFactory = {
  name: 'tree',
  extension: 'tree.txt',
  description: 'the document tree of each page with line:column positions in the file (for debugging)',
  stateless: true,
  create() {
    return {
      article: () => '',
      page: (page) => inspectTree(page) + messages(page),
    };
  },
};
