// Preloaded with `node --import` by cli-startup.test.ts: appends the URL of every module that gets
// loaded (ES modules through a load hook, CommonJS through Module._load's resolved filenames) to the
// file named by NEWS_SPLIT_TRACE_LOADS, one a line.
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const file = process.env.NEWS_SPLIT_TRACE_LOADS;
if (file) {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      appendFileSync(${JSON.stringify(file)}, url + '\\n');
      return next(url, context);
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);
  // CommonJS packages required from ES modules (commander, iconv-lite) still pass the load hook for
  // their entry; what they require() in turn is recorded here.
  const Module = createRequire(import.meta.url)('node:module');
  const original = Module._load;
  Module._load = function (request, parent, isMain) {
    try {
      const path = Module._resolveFilename(request, parent, isMain);
      if (path.startsWith('/')) appendFileSync(file, `${pathToFileURL(path).href}\n`);
    } catch { /* resolution errors surface from the real load below */ }
    return original.apply(this, arguments);
  };
}
