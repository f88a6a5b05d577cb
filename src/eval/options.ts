/**
 * The `eval` subcommand's declaration: its options and help. Kept apart from command.ts (which loads
 * the splitter and the scorer) so that `news-split --help` and `--version` load only this.
 */
import { Option, type Command } from 'commander';

/** What the user asked of `eval` (its own options). */
export interface EvalRequest {
  goldPaths: string[];
  format: string;
  verbose: boolean;
  min: string[];
  max: string[];
  output?: string;
  repair: boolean;
  date?: string;
  encoding?: string;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

const HELP = `
Gold files: X.txt (the page) + X.gold.json (its articles as they should come out), see the README.
Metrics bounded with --min (higher is better): article_f1, headlines, title, byline_f1, paragraph_f1,
  repair_precision, repair_recall, perfect, ... ; with --max (lower is better): pk, windowdiff, noise_leaks.

Examples:
  news-split eval fixtures/gold                        the table
  news-split eval fixtures/gold --format json          the same as JSON
  news-split eval gold/ --verbose                      with each file's misses
  news-split eval gold/ --min article_f1=0.9 --max pk=0.2   exit 1 when a bound is not met (CI)
  news-split eval gold/ --no-repair                    measure without break repair`;

/** Declare the `eval` subcommand on `cmd` (made by program.command('eval')); `onRun` receives the request. */
export function configureEvalCommand(cmd: Command, onRun: (request: EvalRequest) => void): Command {
  return cmd
    .description('measure accuracy on labelled pages (X.txt + X.gold.json)')
    .argument('<gold...>', 'folders of gold files (searched recursively) or single .gold.json files')
    .addOption(new Option('-f, --format <name>', 'report format (table, json)').default('table'))
    .option('-v, --verbose', "list each file's misses")
    .option('--min <metric=value>', 'exit 1 when the metric is below value (repeatable)', collect, [])
    .option('--max <metric=value>', 'exit 1 when the metric is above value (repeatable)', collect, [])
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--date <date>', 'publication date for every page (as for the main command)')
    .option('--no-repair', 'split without re-joining page and column breaks')
    .option('--encoding <name>', 'input encoding (default: detect)')
    .addHelpText('after', HELP)
    .action((goldPaths: string[], o: Omit<EvalRequest, 'goldPaths'>) => {
      onRun({ ...o, goldPaths, verbose: !!o.verbose });
    });
}

