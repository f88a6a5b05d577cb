/**
 * The command line: options → pipeline → emitter. Nothing here knows about newspapers.
 * Exit codes: 0 converted; 1 an input could not be read or decoded; 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { chalkStderr as chalk } from 'chalk';
import { split } from '../pipeline.js';
import { decodeBuffer, DecodeError } from '../read/decode.js';
import { loadEmitter, builtInFormats, listFormats, describeFormats } from '../emit/registry.js';
import type { EmitterFactory, InputReport } from '../emit/types.js';
import { loadPlugins, chooseFormat, type LoadedPlugin } from '../emit/plugin.js';
import { ArticleFiles } from '../emit/article-files.js';
import { stdoutOutput, fileOutput, PipeClosed, type Output } from './output.js';
import { verify, describeVerifyReport } from '../verify.js';
import { configureEvalCommand, runEval, type EvalRequest } from '../eval/command.js';

export const EXIT = { ok: 0, inputFailed: 1, usage: 2 } as const;

interface CliOptions {
  format: string;
  output?: string;
  date?: string;
  repair: boolean;
  encoding?: string;
  quiet?: boolean;
  debug?: boolean;
  verify?: boolean;
  outDir?: string;
  bom?: boolean;
  excel?: boolean;
  emitter: string[];
  listFormats?: boolean;
}

const EXAMPLES = `
Examples:
  news-split page.txt                      JSON Lines on stdout, one article a line
  cat page.txt | news-split                the same from stdin ('-' also means stdin)
  news-split --format json page.txt        one pretty JSON document with diagnostics
  news-split page.txt | jq -r .title       titles only
  news-split --date 2023-11-04 page.txt    complete datelines (11月3日) with the year
  news-split --no-repair page.txt          keep page-break fragments as printed

Exit codes: 0 converted, 1 an input could not be read, 2 usage error.`;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('news-split')
    .description('Split plain-text dumps of Chinese newspaper pages into structured articles.')
    .argument('[inputs...]', "text files of newspaper pages ('-' or none: stdin)")
    .addOption(new Option('-f, --format <name>', `output format (${builtInFormats().join(', ')}, md; or a plug-in's name)`).default('jsonl'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--out-dir <dir>', 'markdown: write one file per article into <dir>')
    .option('--bom', 'csv: UTF-8 byte-order mark and CRLF line ends')
    .option('--excel', 'csv for Excel: as --bom, and neutralise cells starting with = + - @')
    .option('--emitter <module>', 'load a plug-in emitter (.js/.mjs path or package name); repeatable', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--list-formats', 'list the built-in and loaded output formats')
    .option('--date <date>', 'publication date (YYYY, YYYY-MM or YYYY-MM-DD) to complete datelines')
    .option('--no-repair', 'do not re-join paragraphs cut by page or column breaks')
    .option('--encoding <name>', 'input encoding (default: detect UTF-8 / UTF-16 BOM / GB18030)')
    .option('-q, --quiet', 'no notes on stderr, only errors')
    .option('--debug', 'show stack traces of internal errors')
    .option('--verify', 'check that every character of each input is accounted for in the output (exit 1 if not)')
    .version(packageVersion(), '-V, --version')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run news-split --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(chalk.red(str)) })
    // with a subcommand, the root needs an action to take plain inputs; the conversion runs below.
    // Positional options: what follows `eval` is eval's (its --format is table|json).
    .enablePositionalOptions()
    .action(() => {});
  const evalRun: { request?: EvalRequest } = {};
  configureEvalCommand(program.command('eval'), (r) => { evalRun.request = r; });

  try {
    program.parse(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  const opts = program.opts<CliOptions>();
  // split options given before `eval` apply to it too (news-split --no-repair eval DIR)
  if (evalRun.request) return runEval(evalRun.request, { repair: opts.repair, date: opts.date, encoding: opts.encoding });
  const inputs = program.args.length ? program.args : ['-'];

  let factory: EmitterFactory;
  let plugins: LoadedPlugin[];
  try {
    plugins = await loadPlugins(opts.emitter, builtInFormats());
    if (opts.listFormats) {
      process.stdout.write(describeFormats(await listFormats(plugins)));
      return EXIT.ok;
    }
    const explicit = program.getOptionValueSource('format') === 'cli';
    factory = await loadEmitter(chooseFormat(opts.format, explicit, plugins), plugins.map((p) => p.factory));
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (opts.outDir && opts.output) return usageError('--out-dir and --output exclude each other');
  if (opts.outDir && factory.layout !== 'per-article') return usageError(`--out-dir writes one file per article, for markdown; write ${factory.name} with --output`);
  const emitterOptions = { bom: opts.bom, excel: opts.excel };
  // with --out-dir every article goes to its own file, and the stream carries nothing
  const files = opts.outDir ? new ArticleFiles(opts.outDir, factory, emitterOptions) : null;
  const nowhere: Output = { write: async () => {}, close: async () => {} };
  const out: Output = files ? nowhere : opts.output ? fileOutput(opts.output) : stdoutOutput();
  const emitter = factory.create(emitterOptions);
  let failed = 0;
  try {
    await out.write(emitter.start?.() ?? '');
    for (const input of inputs) {
      let text: string;
      let encoding: string;
      try {
        const bytes = input === '-' ? await readStdin() : await readFile(input);
        ({ text, encoding } = decodeBuffer(bytes, opts.encoding));
      } catch (err) {
        failed++;
        report(`${input === '-' ? 'stdin' : input}: ${describeReadError(err)}`, 'error');
        if (opts.debug) console.error(err);
        continue;
      }
      const name = input === '-' ? 'stdin' : input;
      const result = split(text, { file: name, repair: opts.repair, date: opts.date });
      if (opts.verify) {
        // the conservation check (src/verify.ts): a loss is an error for this input
        const check = verify(text, result);
        if (!check.ok) {
          failed++;
          for (const line of describeVerifyReport(check, name)) process.stderr.write(`news-split: ${chalk.red('error')}: ${line}\n`);
        } else if (!opts.quiet) report(describeVerifyReport(check, name)[0]!, 'note');
      }
      for (const a of result.articles) await (files ? files.write(name, a) : out.write(emitter.article(a) ?? ''));
      const r: InputReport = {
        file: name, page: 1, encoding, articles: result.articles.length, pageDate: result.pageDate,
        diagnostics: result.diagnostics,
      };
      await out.write(emitter.input?.(r) ?? '');
      if (!opts.quiet) {
        for (const w of result.diagnostics.warnings) report(`${name}: ${w}`, 'warning');
        if (result.articles.length === 0) report(`${name}: ${/\S/u.test(text) ? 'no articles found' : 'empty input (no text)'}`, 'warning');
      }
    }
    await out.write(emitter.end?.() ?? '');
    await out.close();
  } catch (err) {
    if (err instanceof PipeClosed) return EXIT.ok;
    report(`${opts.output ?? opts.outDir ?? 'stdout'}: ${(err as Error).message}`, 'error');
    if (opts.debug) console.error(err);
    return EXIT.inputFailed;
  }
  return failed ? EXIT.inputFailed : EXIT.ok;
}

function usageError(message: string): number {
  report(message, 'error');
  process.stderr.write('(run news-split --help for usage)\n');
  return EXIT.usage;
}

function report(message: string, level: 'error' | 'warning' | 'note'): void {
  const tag = level === 'error' ? chalk.red('error') : level === 'warning' ? chalk.yellow('warning') : 'note';
  process.stderr.write(`news-split: ${tag}: ${message}\n`);
}

function describeReadError(err: unknown): string {
  if (err instanceof DecodeError) return err.message;
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'is a directory, not a file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return e.message ?? String(err);
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
