// news-split as a library: pages streamed by convert(), records written by emit().
//
//   node examples/library.mjs              the small page below
//   node examples/library.mjs page.txt     a file of yours (any encoding the CLI reads)
//
// In a project of yours: npm install news-split, then the same import.
import { convert, emit } from 'news-split';

// An invented page (a page header, one article): the header states the paper and the date.
const SAMPLE = [
  '示例日报 2024年5月6日 第2版',
  '',
  '江边新建一座图书馆',
  '',
  '本报讯（记者 王小明）5月5日上午，江边新图书馆正式开放，市民排队入馆参观。',
  '',
  '馆内藏书二十万册，设有儿童阅览区和自习室。',
  '',
].join('\n');

// a string is the text itself; a file is { path } (or a file: URL), bytes a Buffer, or any readable stream
const source = process.argv[2] ? { path: process.argv[2] } : SAMPLE;

const records = [];
for await (const page of convert(source, { file: process.argv[2] ?? 'sample.txt' })) {
  const { date, paper } = page.articles[0]?.publication ?? {};
  process.stderr.write(`page ${page.page} (${page.encoding}): ${page.articles.length} articles, ${paper ?? 'paper unknown'}, ${date ?? 'date unknown'}\n`);
  records.push(...page.articles);
}

// every format of the command line, with the same --fields names
process.stdout.write(await emit(records, 'csv', { fields: ['title', 'paper', 'publication_date', 'page', 'index', 'reporters', 'date'] }));
