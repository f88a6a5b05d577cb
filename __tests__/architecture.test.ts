// Imports run one way: a stage may import its own stage and the ones below it, never one above.
// The order is the pipeline's (bytes → lines → units → tree → records → output); this test reads
// the import statements of every file under src/ and fails on an import that runs back up.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './helpers/cli.js';

/** The stages, lowest first: a folder (or a top-level file) and its rank. Equal ranks may import each other. */
const STAGES: ReadonlyArray<[string, number]> = [
  ['knowledge/', 0], ['model/', 0], ['types.ts', 0], ['regex.ts', 0], ['thrown.ts', 0], // tables, the tree, the contract
  ['lexicon/', 0], // the words (jieba): imports nothing of ours, and the contract (SplitOptions.lexicon) names it
  ['read/', 1],
  ['parse/', 2],
  ['transform/', 3], ['learn/', 3],
  ['emit/', 4],
  ['pipeline.ts', 5], // text to the tree and to records: parsePage(), split()
  ['verify.ts', 5], // the conservation check of records against their text
  ['run/', 6], // the engine: inputs → pages → records, in order, in this thread or on the worker pool
  ['library.ts', 7], ['eval/', 7], // two of the engine's users: convert()/emit(), and accuracy on gold pages
  ['cli/', 8], ['cli.ts', 8], ['index.ts', 8], // the command line (it dispatches to eval) and the package's face
];

const SRC = join(ROOT, 'src');

function rankOf(file: string): number {
  const rel = relative(SRC, file).split('\\').join('/');
  const stage = STAGES.find(([prefix]) => (prefix.endsWith('/') ? rel.startsWith(prefix) : rel === prefix));
  if (!stage) throw new Error(`src/${rel} is in no stage: add its folder to STAGES`);
  return stage[1];
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** The relative modules a file imports: static, type-only, re-exports, dynamic import() and import('…') types. */
function importsOf(code: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gmu;
  for (let m = re.exec(code); m; m = re.exec(code)) out.push(m[1]!);
  return out;
}

describe('import direction', () => {
  const files = sources(SRC);

  it('reads every kind of import', () => {
    const code = "import a from './a.js';\nimport type { B } from '../b.js';\nexport { c } from './c.js';\nconst d = await import('./d.js');\ntype E = import('./e.js').E;\nimport './f.js';\n";
    expect(importsOf(code)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js']);
  });

  it('puts every source file in a stage', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) expect(() => rankOf(f)).not.toThrow();
  });

  // cli/ holds options, input lists, destinations, progress and atomic writes; the engine (pages,
  // threads, the pipeline, the words) is run/'s and below, reached through run/convert.ts
  it('keeps the engine out of cli/', () => {
    const engine = /['"](?:node:worker_threads|\.\.\/pipeline\.js|\.\.\/read\/pages\.js|\.\.\/lexicon\/[^'"]+)['"]/u;
    const inCli = files.filter((f) => relative(SRC, f).split('\\').join('/').startsWith('cli/'));
    expect(inCli.length).toBeGreaterThan(5);
    expect(inCli.filter((f) => engine.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f))).toEqual([]);
  });

  it('has no import from a lower stage to a higher one', () => {
    const back: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(readFileSync(f, 'utf8'))) {
        const target = resolve(dirname(f), spec.replace(/\.js$/u, '.ts'));
        if (rankOf(target) > rankOf(f)) back.push(`${relative(SRC, f)} → ${relative(SRC, target)}`);
      }
    }
    expect(back).toEqual([]);
  });
});
