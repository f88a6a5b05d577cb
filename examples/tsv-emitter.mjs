// A news-split plug-in emitter: one tab-separated line per article (id, date, title, reporters).
// Use it with:   news-split --emitter ./examples/tsv-emitter.mjs page.txt > titles.tsv
// Copy this file to start your own format; the interface is documented in src/emit/types.ts.

/** Tabs and line breaks inside a value would break the TSV layout. */
const clean = (value) => String(value ?? '').replace(/[\t\r\n]+/g, ' ');

/** @type {import('news-split').EmitterFactory} */
export default {
  name: 'tsv',
  extension: 'tsv',
  description: 'id, date, title and reporters, tab-separated',
  create() {
    return {
      start: () => 'id\tdate\ttitle\treporters\n',
      article: (a) => [a.id, a.dateline?.date, a.title, a.byline.reporters.join(',')].map(clean).join('\t') + '\n',
    };
  },
};
