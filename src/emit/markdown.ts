/**
 * Markdown: one document per article, YAML front matter (gray-matter, with `yaml` as its engine: front-matter.ts) with the fields a user filters
 * on, then the deck and the body as an mdast tree serialised by unified + remark-stringify. The
 * serialiser escapes text that would read as Markdown syntax (`*`, `#`, `1.` at a line start, `[`…),
 * so the page renders as the newspaper printed it.
 *
 * Layout: kicker lines (引题) as emphasised paragraphs above the title, the title (主题) as the level-1
 * heading, subtitles (副题) as emphasised paragraphs below it, the bylines as printed (one a line), then the body.
 * On one stream the documents follow each other separated by a blank line; each starts with the line
 * `---` followed by `id: …`, which no body line can be (remark escapes a `---` paragraph as `\---`).
 *
 * This module is loaded only through the registry's dynamic import: JSON runs never load unified.
 */
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Article } from '../types.js';
import type { EmitterFactory } from './types.js';
import { articleFields, chosenFields, type FieldName } from './fields.js';
import { bylineLines } from './record.js';
import { withFrontMatter } from './front-matter.js';

// a package is imported on first use, never statically (scripts/bundle.mjs says why)
const [{ unified }, { default: remarkStringify }] = await Promise.all([import('unified'), import('remark-stringify')]);

// One processor for the whole run: building it is the expensive part, stringify() is pure.
const processor = unified().use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', rule: '-' });

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const emphasised = (value: string): Paragraph => paragraph({ type: 'emphasis', children: [text(value)] });

/** The article as an mdast tree: deck, byline, body. */
export function articleTree(a: Article): Root {
  const children: RootContent[] = [
    ...a.kicker.map(emphasised),
    // a page with no detected title gets no heading (an empty `#` line renders as nothing useful)
    ...(a.title ? [{ type: 'heading', depth: 1, children: [text(a.title)] } as RootContent] : []),
    ...a.subtitles.map(emphasised),
  ];
  // one printed byline a line: lead, byline lines, credits, tags (a hard break between them)
  const parts = bylineLines(a.byline);
  if (parts.length) {
    children.push(paragraph(...parts.flatMap((p, i): PhrasingContent[] => (i ? [{ type: 'break' }, text(p)] : [text(p)]))));
  }
  children.push(...a.paragraphs.map((p) => paragraph(text(p))));
  return { type: 'root', children };
}

/** One complete document: `---` front matter `---`, then the Markdown body. The front matter holds
 *  every field of {@link articleFields} in a fixed order, empty lists and nulls included, or (--fields)
 *  the chosen ones in their order; the body is always written (`text` adds nothing to the front matter). */
export function articleDocument(a: Article, fields?: readonly FieldName[]): string {
  const body = processor.stringify(articleTree(a));
  const data = fields ? chosenFields(a, fields.filter((f) => f !== 'text')) : { ...articleFields(a) };
  return withFrontMatter(body, data);
}

export const markdown: EmitterFactory = {
  name: 'markdown',
  extension: 'md',
  description: 'Markdown with YAML front matter, one document per article (one file each with --out-dir)',
  layout: 'per-article',
  create(options) {
    const fields = options.fields as readonly FieldName[] | undefined;
    let count = 0;
    return { article: (a) => `${count++ ? '\n' : ''}${articleDocument(a, fields)}` };
  },
};
