/**
 * The pipeline: text → units → classified units → article drafts → the document tree
 * (model/tree.ts) → article records (emit/record.ts). parsePage() gives the tree, split() the records;
 * split() is the library API and what the command line runs.
 */
import { toUnits } from './parse/units.js';
import { classifyUnit } from './parse/classify.js';
import { segment } from './transform/segment.js';
import { structure } from './transform/structure.js';
import { shippedModel } from './learn/model.js';
import { pageDateFrom, parseDateOption } from './transform/dateline.js';
import { assembleArticle, bylineHolders, locator } from './transform/assemble.js';
import { compileProfile } from './knowledge/profile.js';
import { FILE_START, type Furniture, type Message, type Page } from './model/tree.js';
import { resultFrom } from './emit/record.js';
import { convertResult } from './emit/script.js';
import { publicationOf } from './transform/publication.js';
import { jiebaLexicon } from './lexicon/jieba.js';
import type { SplitOptions, SplitResult } from './types.js';

export function split(text: string, options: SplitOptions = {}): SplitResult {
  return convertResult(resultFrom(parsePage(text, options)), options.script);
}

/** One page as a tree, every position counted from the start of the file (options.start: where the page starts). */
export function parsePage(text: string, options: SplitOptions = {}): Page {
  const file = options.file ?? 'stdin';
  const page = options.page ?? 1;
  const repair = options.repair ?? true;
  const at = locator(text, options.start ?? FILE_START);
  const messages: Message[] = [];

  const profile = compileProfile(options.profile);
  const { units, furniture: cutFurniture } = toUnits(text, profile);
  const classified = units.map((u) => classifyUnit(u, profile));
  // the trained structure model labels the units (learn/); --no-model keeps the rule-based segmenter
  const model = options.model === undefined ? shippedModel() : options.model;
  // the words break repair asks about: this thread's jieba unless the caller brings its own
  const lexicon = options.lexicon ?? jiebaLexicon();
  const { drafts, leftovers } = model ? structure(classified, model, lexicon) : segment(classified, lexicon);

  const furniture: Furniture[] = [
    ...cutFurniture.map((f) => ({ ...f, rule: f.kind === 'web-residue' && f.text.startsWith('<') ? 'html-break' : 'glued' })),
    ...leftovers.map((u) => ({
      kind: u.furnitureKind ?? 'unassigned', text: u.text, line: u.line, offset: u.offset,
      rule: u.kind === 'furniture' && u.furnitureKind ? 'furniture-line' : 'no-article',
    })),
  ].sort((a, b) => a.offset - b.offset).map((f): Furniture => ({
    type: 'furniture', kind: f.kind, rule: f.rule, value: f.text, position: at.place(f.offset, f.text),
  }));

  let publication = options.date ? parseDateOption(options.date) : null;
  if (options.date && !publication) messages.push({ reason: `--date ${options.date} is not YYYY, YYYY-MM or YYYY-MM-DD: ignored`, ruleId: 'date-option', place: null });
  let pageDate: string | null = null;
  for (const f of furniture) {
    if (f.kind !== 'page-header' && f.kind !== 'editor' && f.kind !== 'web-residue') continue;
    const d = pageDateFrom(f.value);
    if (d) {
      pageDate = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
      publication ??= { year: d.year, month: d.month };
      break;
    }
  }

  const publicationRecord = publicationOf({
    dateOption: publication && options.date ? normalDate(options.date) : null, pageDate, file,
    paperOption: options.paper?.trim() || null, profileName: profile.name,
    headers: furniture.filter((f) => f.kind === 'page-header').map((f) => f.value),
  });

  const ctx = { file, page, repair, lexicon, publication, profile, at, holders: bylineHolders(classified), messages };
  const articles = drafts.map((d, i) => assembleArticle(d, i + 1, ctx));
  // articles in the segmenter's order, each furniture node before the first article that starts after it
  const children: Page['children'] = [];
  let k = 0;
  for (const a of articles) {
    while (k < furniture.length && furniture[k]!.position.start.offset < a.position.start.offset) children.push(furniture[k++]!);
    children.push(a);
  }
  for (; k < furniture.length; k++) children.push(furniture[k]!);
  return {
    type: 'page',
    children,
    data: { file, page, pageDate, publication: publicationRecord, messages },
    position: at.span(0, text.length),
  };
}

/** --date as the record writes it: 2023-1-5 → 2023-01-05 (checked by parseDateOption first). */
function normalDate(option: string): string {
  return option.trim().split('-').map((part, i) => (i ? part.padStart(2, '0') : part)).join('-');
}
