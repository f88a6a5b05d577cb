/**
 * The `train` subcommand's declaration (kept apart from command.ts, which loads the trainer, so
 * that `news-split --help` loads only this).
 */
import { Option, type Command } from 'commander';

export interface TrainRequest {
  goldPaths: string[];
  output: string;
  /** start from this model file; undefined: the shipped model; false (--scratch): from zero */
  from?: string | false;
  epochs: number;
  seed: number;
  quiet: boolean;
}

const HELP = `
Gold files are the same as for news-split eval (X.txt + X.gold.json, see the README). Training
starts from the shipped model and adapts it to your pages; --scratch trains from zero (then give it
hundreds of pages). The same pages, epochs and seed give the same model, byte for byte.

Examples:
  news-split train my-gold/ -o my-paper.model.json
  news-split --model my-paper.model.json page.txt
  news-split --model my-paper.model.json eval my-held-out-gold/`;

const positive = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: a whole number of at least 1`);
  return n;
};

export function configureTrainCommand(cmd: Command, onRun: (request: TrainRequest) => void): Command {
  return cmd
    .description('train the structure model on labelled pages (X.txt + X.gold.json)')
    .argument('<gold...>', 'folders of gold files (searched recursively) or single .gold.json files')
    .requiredOption('-o, --output <file>', 'where to write the model (JSON)')
    .option('--from <model>', 'start from this model instead of the shipped one')
    .option('--scratch', 'start from zero weights instead of the shipped model')
    .addOption(new Option('--epochs <n>', 'passes over the pages').default(5).argParser(positive('--epochs')))
    .addOption(new Option('--seed <n>', 'seed of the page order').default(1).argParser(positive('--seed')))
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', HELP)
    .action((goldPaths: string[], o: { output: string; from?: string; scratch?: boolean; epochs: number; seed: number; quiet?: boolean }) => {
      onRun({ goldPaths, output: o.output, from: o.scratch ? false : o.from, epochs: o.epochs, seed: o.seed, quiet: !!o.quiet });
    });
}
