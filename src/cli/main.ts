/**
 * The command line: options → pipeline → emitter. Nothing here knows about newspapers.
 * Exit codes: 0 converted; 1 an input could not be read or decoded, or the output not written (stdout
 * closed, disk full); 2 usage error; 3 --strict and a warning was raised. The run (output trees, messages, counts) is in batch.ts, on the engine in run/ (pages, workers).
 */
import type { Profile } from '../knowledge/profile.js';
import type { StructureModel } from '../learn/model.js';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { packageVersion } from './package-version.js';
import { stdoutClosed, writeStdoutQuietly } from './stdout-closed.js';
import type { ChalkInstance } from 'chalk';
import { isatty } from 'node:tty';
import { builtInFormats } from '../emit/registry.js';
import { isCalendarDate } from '../knowledge/dates.js';
import type { EmitterFactory } from '../emit/types.js';
import type { LoadedPlugin } from '../emit/plugin.js';
import type { Expanded } from '../read/inputs.js';
import type { MessageLevel } from './batch.js';
import { configureEvalCommand, type EvalRequest } from '../eval/options.js';
import { configureTrainCommand, type TrainRequest } from '../learn/options.js';
// Everything else (the batch machinery, the parser, eval, plug-ins, globbing, decoders, the profile
// loader) is imported when a conversion or an eval runs: `--version` and `--help` load only commander
// and chalk (a test checks this: __tests__/cli-startup.test.ts). chalk itself loads only where stderr
// could get colour (colours() below).

export const EXIT = { ok: 0, inputFailed: 1, usage: 2, strictWarnings: 3 } as const;

interface CliOptions {
  profile?: string;
  diagnostics?: string;
  format: string;
  output?: string;
  date?: string;
  paper?: string;
  convert?: 't2s' | 's2t';
  repair: boolean;
  model?: string | false;
  encoding?: string;
  quiet?: boolean;
  debug?: boolean;
  verify?: boolean;
  outDir?: string;
  bom?: boolean;
  excel?: boolean;
  fields?: string;
  emitter: string[];
  listFormats?: boolean;
  skipExisting?: boolean;
  jobs?: number;
  filesFrom?: string;
  glob?: string;
  ext?: string;
  null?: boolean;
  pageSeparator?: string;
  progress?: boolean;
  strict?: boolean;
  failFast?: boolean;
}

const EXAMPLES = `
Examples:
  news-split page.txt                      JSON Lines on stdout, one article a line
  cat page.txt | news-split                the same from stdin ('-' also means stdin)
  news-split --format json page.txt        one pretty JSON document with diagnostics
  news-split page.txt | jq -r .title       titles only
  news-split --date 2023-11-04 page.txt    complete datelines (11月3日) with the year
  news-split --no-repair page.txt          keep page-break fragments as printed
  news-split --out-dir out archive/        convert a tree: archive/a/b.txt → out/archive/a/b.jsonl
  news-split 'archive/**/*.txt' > all.jsonl  a quoted glob, expanded by news-split
  find archive -name '*.txt' -print0 | news-split --files-from - -0 --out-dir out

Exit codes: 0 converted, 1 some input failed (the others are converted) or the output could not
be written, 2 usage error, 3 --strict and a warning was raised. A reader of stdout that goes away
(| head) ends the run quietly with 0.`;


export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('news-split')
    .description('Split plain-text dumps of Chinese newspaper pages into structured articles.')
    .argument('[inputs...]', "text files of newspaper pages ('-' or none: stdin)")
    .addOption(new Option('-f, --format <name>', `output format (${builtInFormats().join(', ')}, md; or a plug-in's name)`).default('jsonl')
      .argParser((v: string) => v.toLowerCase()))
    .addOption(new Option('--color <when>', 'colour on stderr (NO_COLOR in the environment means never)').choices(['auto', 'always', 'never']).default('auto'))
    .option('-o, --output <file>', "write to <file> instead of stdout ('-': stdout), complete or not at all (a temporary file renamed at the end)")
    .option('--out-dir <dir>', 'one output file per input in <dir>, mirroring the input tree (md: one file per article)')
    .option('--skip-existing', 'with --out-dir: leave inputs whose output exists (continue an interrupted run)')
    .option('-j, --jobs <n>', `worker threads (default: the number of CPUs, ${availableParallelism()}, for runs large enough to pay for them; 1: no worker, all in one thread)`, parseJobs)
    .option('--files-from <list>', "read input paths from <list>, one a line ('-': stdin)")
    .option('-0, --null', 'with --files-from: the paths are NUL-separated (find -print0)')
    .option('--ext <list>', 'a directory argument contributes files with these extensions (default: txt,text); named files are always read')
    .option('--glob <pattern>', "a directory argument contributes the files matching <pattern> inside it ('**/2023-*.txt')")
    .option('--page-separator <regex>', 'lines matching <regex> separate pages (default: form feeds and page headers like 第3版)')
    .option('--progress', 'show the progress bar and summary even when stderr is not a terminal')
    .option('--strict', 'exit 3 when a warning was raised')
    .option('--fail-fast', 'stop at the first input that fails')
    .option('--bom', 'csv: UTF-8 byte-order mark and CRLF line ends')
    .option('--excel', 'csv for Excel: as --bom, and neutralise cells starting with = + - @')
    .option('--fields <list>', 'write only these fields, in this order, in every format (title,date,text; see the README for the names)')
    .option('--emitter <module>', 'load a plug-in emitter (.js/.mjs path or package name); repeatable', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--list-formats', 'list the built-in and loaded output formats')
    .option('--diagnostics <file>', 'write what went to no article (furniture) and warnings, one JSON line per page')
    .option('--profile <file>', "a newspaper profile (JSON or YAML): the paper's name, furniture, dateline, byline and headline rules")
    .option('--date <date>', 'publication date (YYYY, YYYY-MM or YYYY-MM-DD) to complete datelines', parseDate)
    .option('--paper <name>', "the paper's name, for every record's publication (default: the profile's name, else the page header's)", parsePaper)
    .addOption(new Option('--convert <how>', "the records' text in the other script: t2s Traditional → Simplified, s2t back (OpenCC); offsets unchanged").choices(['t2s', 's2t']))
    .option('--no-repair', 'do not re-join paragraphs cut by page or column breaks')
    .option('--model <file>', 'a structure model trained by `news-split train` (default: the one shipped)')
    .option('--no-model', 'split with the rule-based segmenter instead of the structure model')
    .option('--encoding <name>', 'input encoding (default: detect UTF-8 / UTF-16 BOM / GB18030)')
    .option('-q, --quiet', 'no notes on stderr, only errors')
    .option('--debug', 'show stack traces of internal errors')
    .option('--verify', 'check that every character of each input is accounted for in the output (exit 1 if not)')
    .version(packageVersion(), '-V, --version')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(run news-split --help for usage)')
    .exitOverride()
    // commander's own messages (unknown option, missing argument) look like ours: news-split: error: …
    .configureOutput({ writeOut: writeStdoutQuietly, outputError: (str, write) => write(commanderError(str)) })
    // with a subcommand, the root needs an action to take plain inputs; the conversion runs below.
    // Positional options: what follows `eval` is eval's (its --format is table|json).
    .enablePositionalOptions()
    .action(() => {});
  const evalRun: { request?: EvalRequest } = {};
  configureEvalCommand(program.command('eval'), (r) => { evalRun.request = r; });
  const trainRun: { request?: TrainRequest } = {};
  configureTrainCommand(program.command('train'), (r) => { trainRun.request = r; });

  await colours(argv);
  try {
    program.parse(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw err;
  }
  const opts = program.opts<CliOptions>();
  if (opts.output === '-') delete opts.output; // -o - : stdout, as for inputs
  let profile: Profile | undefined;
  try {
    if (opts.profile !== undefined) profile = (await import('./profile-file.js')).loadProfile(opts.profile);
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (trainRun.request) return (await import('../learn/command.js')).runTrain(trainRun.request);
  let model: StructureModel | undefined;
  if (typeof opts.model === 'string') {
    try {
      model = (await import('../learn/model.js')).readModel(opts.model);
    } catch (err) {
      return usageError(`--model ${(err as Error).message}`);
    }
  }
  // split options given before `eval` apply to it too (news-split --no-repair eval DIR)
  if (evalRun.request) {
    if (!evalRun.request.output && stdoutClosed()) { report(STDOUT_CLOSED_REPORT, 'error'); return EXIT.inputFailed; }
    const { runEval } = await import('../eval/command.js');
    return runEval(evalRun.request, {
      repair: opts.repair, date: opts.date, encoding: opts.encoding, ...(profile ? { profile } : {}),
      ...(opts.model === false ? { model: false as const } : model ? { model } : {}),
    });
  }
  const args = program.args.length || opts.filesFrom !== undefined ? program.args : ['-'];
  if (opts.encoding !== undefined) {
    // checked once here: an unknown name would otherwise fail every input (exit 1)
    const { decodeBuffer, DecodeError } = await import('../read/decode.js');
    try {
      decodeBuffer(new Uint8Array(0), opts.encoding);
    } catch (err) {
      if (err instanceof DecodeError && err.reason === 'unknown-encoding') return usageError(`--encoding ${opts.encoding}: ${err.message}`);
    }
  }

  const [{ loadEmitter, listFormats, describeFormats }, { loadPlugins, chooseFormat }] = await Promise.all([
    import('../emit/registry.js'), import('../emit/plugin.js'),
  ]);
  let factory: EmitterFactory;
  let plugins: LoadedPlugin[];
  try {
    plugins = await loadPlugins(opts.emitter, builtInFormats());
    (await import('./guard.js')).suspectPlugins(plugins.map((p) => p.spec));
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
  if (opts.skipExisting && !opts.outDir) return usageError('--skip-existing needs --out-dir');
  if (opts.null && opts.filesFrom === undefined) return usageError('-0/--null goes with --files-from');
  if (opts.filesFrom === '-' && args.includes('-')) return usageError("stdin cannot be both the --files-from list and an input ('-')");
  let pageSeparator: RegExp | undefined;
  try {
    if (opts.pageSeparator !== undefined) pageSeparator = new RegExp(opts.pageSeparator, 'u');
  } catch (err) {
    return usageError(`--page-separator: ${(err as Error).message}`);
  }
  if (pageSeparator) {
    // an empty separator matches everywhere (every line would go); one that backtracks hangs the run
    if (pageSeparator.test('') && pageSeparator.test('甲')) return usageError('--page-separator: the pattern matches the empty string (every line would be dropped)');
    const risk = (await import('../regex.js')).backtrackingRisk(pageSeparator.source);
    if (risk) return usageError(`--page-separator: refused: ${risk}`);
  }
  let fields: string[] | undefined;
  if (opts.fields !== undefined) {
    const { parseFields, FIELD_NAMES } = await import('../emit/fields.js');
    const parsed = parseFields(opts.fields);
    if ('unknown' in parsed) {
      const which = parsed.unknown.map((n) => JSON.stringify(n)).join(', ');
      return usageError(`--fields: unknown field ${which} (valid: ${FIELD_NAMES.join(', ')})`);
    }
    if (factory.name === 'tree') return usageError('--fields: the tree format draws the whole document tree (choose json, jsonl, markdown or csv)');
    fields = parsed.fields;
  }
  if (opts.convert && factory.name === 'tree') return usageError('--convert: the tree format draws the page as printed (choose json, jsonl, markdown or csv)');
  if (!opts.output && !opts.outDir && stdoutClosed()) { report(STDOUT_CLOSED_REPORT, 'error'); return EXIT.inputFailed; }
  const emitterOptions = { bom: opts.bom, excel: opts.excel, ...(fields ? { fields } : {}) };
  const { parseExtensions, directorySelector } = await import('./select.js');
  const extensions = opts.ext === undefined ? null : parseExtensions(opts.ext);
  if (opts.ext !== undefined && !extensions) return usageError(`--ext ${JSON.stringify(opts.ext)}: a comma-separated list of extensions (txt,text)`);

  const [{ expandInputs }, { runBatch, describeReadError }, { outputFileProblem }] = await Promise.all([
    import('../read/inputs.js'), import('./batch.js'), import('./safe-path.js'),
  ]);
  let expanded: Expanded;
  try {
    expanded = await expandInputs(args, {
      ...(opts.filesFrom !== undefined ? { filesFrom: opts.filesFrom, nul: opts.null ?? false } : {}),
      ...(opts.outDir ? { exclude: [opts.outDir] } : {}),
      select: directorySelector(extensions, opts.glob),
    });
  } catch (err) {
    report(`--files-from ${opts.filesFrom}: ${describeReadError(err)}`, 'error');
    return EXIT.inputFailed;
  }
  // the files this run writes, checked before any is opened: never one of the inputs
  const inputPaths = expanded.inputs.flatMap((f) => (f.path === null ? [] : [f.path]));
  for (const [flag, path] of [['-o', opts.output], ['--diagnostics', opts.diagnostics]] as const) {
    if (path === undefined) continue;
    const problem = await outputFileProblem(path, inputPaths);
    if (problem?.kind === 'input') return usageError(`${flag} ${path}: ${problem.reason}`);
    if (problem) { report(`${flag} ${path}: ${problem.reason}`, 'error'); return EXIT.inputFailed; }
  }
  for (const p of expanded.problems) report(`${p.input}: ${p.reason}`, 'error');
  if (expanded.problems.length && opts.failFast) return EXIT.inputFailed;

  const tty = process.stderr.isTTY === true;
  const notes = !opts.quiet && (tty || opts.progress === true);
  // articles scrolling on the same terminal would tear the bar: then only --progress draws it
  const articlesOnTerminal = process.stdout.isTTY === true && !opts.output && !opts.outDir;
  const showProgress = notes && (opts.progress === true || !articlesOnTerminal);
  const run = await runBatch({
    inputs: expanded.inputs, factory, emitterOptions,
    ...(opts.output ? { output: opts.output } : {}), ...(opts.outDir ? { outDir: opts.outDir } : {}),
    skipExisting: opts.skipExisting ?? false, ...(opts.jobs ? { jobs: opts.jobs } : {}),
    failFast: opts.failFast ?? false, strict: opts.strict ?? false, verify: opts.verify ?? false,
    repair: opts.repair, ...(opts.date ? { date: opts.date } : {}), ...(opts.paper ? { paper: opts.paper } : {}), ...(opts.convert ? { script: opts.convert } : {}), ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(profile ? { profile } : {}), ...(opts.diagnostics ? { diagnostics: opts.diagnostics } : {}),
    ...(pageSeparator ? { pageSeparator } : {}),
    ...(opts.model === false ? { model: false as const } : typeof opts.model === 'string' ? { model: resolve(opts.model) } : {}),
    notes, quiet: opts.quiet ?? false, progress: showProgress, forcedProgress: !tty,
    debug: opts.debug ?? false, format: formatMessage,
  });
  if (run.pipeClosed) return EXIT.ok;
  if (run.outputError) {
    report(run.outputError, 'error');
    return EXIT.inputFailed;
  }
  const failed = run.failures.length + expanded.problems.length;
  if (failed && run.counts.files > 1) {
    const names = [...expanded.problems.map((p) => p.input), ...run.failures.map((f) => f.file)];
    report(`${failed} of ${run.counts.files + expanded.problems.length} inputs failed: ${names.join(', ')}`, 'error');
  }
  if (failed) return EXIT.inputFailed;
  if (opts.strict && run.counts.warnings) return EXIT.strictWarnings;
  return EXIT.ok;
}

/** chalk for stderr, once this process needed it; null while no message gets colour (see colours()). */
let chalk: ChalkInstance | null = null;
let chalkLoaded: ChalkInstance | undefined;

/**
 * Sets how much colour stderr gets (colourLevel()). chalk (~12 ms of CPU to load, with supports-color)
 * is skipped where its own detection answers 0 at once, which colourLevel() keeps at 0: stderr not a
 * terminal, no FORCE_COLOR, no Azure Pipelines (TF_BUILD with AGENT_NAME), no colour flag in the
 * arguments (supports-color reads process.argv; --color is ours). chalk.red() at level 0 is the text
 * unchanged, so the messages are the same bytes.
 */
async function colours(argv: string[]): Promise<void> {
  const { env } = process;
  const colourFlag = (args: string[]) => args.some((a) => a.startsWith('--color') || a.startsWith('--no-color'));
  if (!chalkLoaded && !isatty(2) && !('FORCE_COLOR' in env) && !('TF_BUILD' in env && 'AGENT_NAME' in env)
    && !colourFlag(process.argv) && !colourFlag(argv)) {
    chalk = null;
    return;
  }
  chalk = chalkLoaded ??= (await import('chalk')).chalkStderr;
  chalk.level = colourLevel(argv, chalk.level);
}
const red = (text: string): string => (chalk ? chalk.red(text) : text);
const yellow = (text: string): string => (chalk ? chalk.yellow(text) : text);

/**
 * How much colour stderr gets: --color never / always, else (auto) none when NO_COLOR is set and not
 * empty (no-color.org), else what chalk detected for stderr. Read from argv before parsing, so that
 * commander's own errors about the arguments follow it too.
 */
function colourLevel(argv: string[], detected: 0 | 1 | 2 | 3): 0 | 1 | 2 | 3 {
  let when = 'auto';
  argv.forEach((a, i) => {
    if (a === '--color' && argv[i + 1] !== undefined) when = argv[i + 1]!;
    else if (a.startsWith('--color=')) when = a.slice('--color='.length);
  });
  if (when === 'never') return 0;
  if (when === 'always') return detected || 1;
  return process.env.NO_COLOR ? 0 : detected;
}

/** --date: a real calendar date (2023-02-30 is not), as YYYY, YYYY-MM or YYYY-MM-DD. */
function parseDate(value: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  const bad = (): never => { throw new InvalidArgumentError('not a date: YYYY, YYYY-MM or YYYY-MM-DD (2023-11-04)'); };
  if (!m) bad();
  const [, y, mo, d] = m!;
  if (!isCalendarDate(Number(y), Number(mo ?? 1), Number(d ?? 1))) bad();
  return value;
}

/** commander's message ("error: unknown option '--x'") with the tool's name and our colours. */
function commanderError(str: string): string {
  const body = str.replace(/^error: /, '');
  return `news-split: ${red('error')}: ${body}`;
}

/** --paper: a name, not an empty string (which would say nothing). */
function parsePaper(value: string): string {
  if (!value.trim()) throw new InvalidArgumentError("the paper's name (人民日报)");
  return value.trim();
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
}

const STDOUT_CLOSED_REPORT = 'stdout is closed (>&-), so the output would be lost: write it with -o FILE or --out-dir DIR, or discard it on purpose with >/dev/null';


function usageError(message: string): number {
  report(message, 'error');
  process.stderr.write('(run news-split --help for usage)\n');
  return EXIT.usage;
}

function report(message: string, level: MessageLevel): void {
  process.stderr.write(`${formatMessage(message, level)}\n`);
}

function formatMessage(message: string, level: MessageLevel): string {
  const tag = level === 'error' ? red('error') : level === 'warning' ? yellow('warning') : 'note';
  return `news-split: ${tag}: ${message}`;
}
