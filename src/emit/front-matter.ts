/**
 * YAML front matter, written and read by gray-matter with `yaml` as its engine: the library that
 * reads profiles (cli/profile-file.ts), so that the tool speaks one YAML dialect. (gray-matter's own
 * engine is js-yaml 3.)
 *
 * The front matter is written as js-yaml 3 wrote it, so that Markdown output did not change when the
 * engine did. Two things make that so:
 *  - YAML 1.1 rules for what needs quotes: a string that a YAML 1.1 reader (js-yaml, PyYAML) would take
 *    for something else (a date 2024-03-07, yes, 0123) is quoted; a 1.2 reader reads it the same;
 *  - js-yaml's choice of style, mirrored by {@link jsYamlStyle}: a line longer than the width folds
 *    (`>-`), several lines are a literal block (`|-`), and a string holding a flow indicator or a
 *    colon (`,` `[` `]` `{` `}` `:`) is single-quoted, which a block scalar would not need but which
 *    every reader reads.
 */
import type { DocumentOptions, SchemaOptions, ToStringOptions } from 'yaml';

// a package is imported on first use, never statically (scripts/bundle.mjs says why)
const [{ default: matter }, { Document, isCollection, isScalar, parse, visit }] = await Promise.all([import('gray-matter'), import('yaml')]);

const OPTIONS: DocumentOptions & SchemaOptions & ToStringOptions = { version: '1.1', singleQuote: true, lineWidth: 80 };
/** js-yaml's width: 80, less the indentation, never below 40. */
const widthAt = (level: number): number => Math.max(40, (OPTIONS.lineWidth ?? 80) - 2 * level);

// js-yaml 3 (dumper.js isPlainSafeFirst / isPlainSafe): what a plain scalar may start with and hold
const UNSAFE_FIRST = /^[\s\-?:,[\]{}#&*!|=>'"%@`]/u;
const UNSAFE_INSIDE = /[,[\]{}:]|(?:^|[\s])#/u;

/** The style js-yaml 3 gives a string at this depth, where it differs from yaml's own choice. */
export function jsYamlStyle(value: string, level: number): 'BLOCK_FOLDED' | 'BLOCK_LITERAL' | 'QUOTE_SINGLE' | null {
  if (value === '') return null;
  const width = widthAt(level);
  if (value.split('\n').some((line) => line.length > width && line[0] !== ' ')) return 'BLOCK_FOLDED';
  if (value.includes('\n')) return 'BLOCK_LITERAL';
  if (UNSAFE_FIRST.test(value) || /\s$/u.test(value) || UNSAFE_INSIDE.test(value)) return 'QUOTE_SINGLE';
  return null;
}

/** The data as YAML (no document markers), styled as js-yaml 3 styled it. */
export function stringifyYaml(data: unknown): string {
  const doc = new Document(data, OPTIONS);
  visit(doc, {
    Scalar(_, node, path) {
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const level = path.filter((p) => isCollection(p)).length;
      const style = jsYamlStyle(node.value, level);
      if (style) node.type = style;
    },
  });
  return doc.toString(OPTIONS);
}

/** gray-matter's engine: read as profiles are read, written as above. */
export const yamlEngine = {
  parse: (text: string): object => (parse(text) as object | null) ?? {},
  stringify: (data: object): string => stringifyYaml(data),
};

const GRAY_MATTER = { engines: { yaml: yamlEngine } };

/** `---` front matter `---` followed by the body. */
export function withFrontMatter(body: string, data: object): string {
  return matter.stringify(body, data, GRAY_MATTER);
}

/** A Markdown document's front matter and body, read by the same YAML library. */
export function readFrontMatter(document: string): { data: Record<string, unknown>; content: string } {
  const { data, content } = matter(document, GRAY_MATTER);
  return { data, content };
}
