// npm run build, after tsc and the tables: the command line as one ES module, dist/cli.bundle.js,
// which bin/news-split.js runs (falling back to dist/cli.js where it is missing). Node 20 has no
// compile cache for ES modules, and a one-page run spent a good part of its start resolving,
// reading and compiling the ~70 modules of dist/ and commander one by one.
// - What is inlined: every module of dist/ that cli.js reaches, and commander (a conversion always
//   loads it). Modules reached by a dynamic import stay lazy: esbuild evaluates them on that import.
// - What is not: every other package (external, loaded from node_modules as before, on first use):
//   unified, yaml, gray-matter, csv-stringify, chalk and tinyglobby are imported dynamically by
//   the modules that use them, the CommonJS ones through createRequire on first use.
// - import.meta.url: each module of dist/ sees its own location (new URL('./lexicon/jieba.js',
//   import.meta.url)), so the tables beside it, models/ and package.json are found as from dist/.
//   Worker threads start from dist/run/worker.js (unbundled), as before.
// - The code is tsc's output (dist/*.js) as it is, not minified: the same functions, names and
//   stack traces. A `require` for commander's CommonJS is made by the banner.
import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = `${ROOT}dist/`;
const BUNDLE = 'cli.bundle.js';
/** packages inlined into the bundle; every other one is left to node_modules */
const INLINED = new Set(['commander']);

const moduleUrls = {
  name: 'module-urls',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(DIST)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const own = `./${relative(DIST, args.path).split(sep).join('/')}`;
      return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path.startsWith('@') ? args.path.split('/', 2).join('/') : args.path.split('/', 1)[0];
      return INLINED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

const result = await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: [`${DIST}cli.js`],
  outfile: `${DIST}${BUNDLE}`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
  plugins: [moduleUrls, externalPackages],
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
});

// no package may be imported statically: it would load with every run of the bundle
const out = result.metafile.outputs[`dist/${BUNDLE}`];
if (!out) throw new Error(`${BUNDLE}: not in esbuild's metafile`);
const unexpected = out.imports.filter((i) => i.external && i.kind === 'import-statement' && !i.path.startsWith('node:')).map((i) => i.path);
if (unexpected.length) throw new Error(`${BUNDLE}: packages imported statically (they would load with every run): ${unexpected.join(', ')}`);
console.log(`cli bundle: ${(out.bytes / 1e3).toFixed(0)} kB, ${Object.keys(out.inputs).length} modules → ${DIST}${BUNDLE}`);
