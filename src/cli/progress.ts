/**
 * Progress on stderr for long batch runs: files done / total, articles, MB/s and ETA, drawn by
 * cli-progress (its ETA follows the bytes read, which is what time depends on). Shown on a TTY, or
 * anywhere with --progress; off with --quiet or when stderr is a pipe, so that logs stay clean.
 * Messages printed while the bar is up go above it, not through it.
 */
import { createRequire } from 'node:module';
import type cliProgress from 'cli-progress';

export interface ProgressOptions {
  /** draw the bar at all */
  enabled: boolean;
  /** stderr is not a TTY but --progress asked for it: cli-progress prints a line now and then */
  forced: boolean;
  totalFiles: number;
  /** bytes of all inputs whose size is known (stdin is not) */
  totalBytes: number;
}

export interface RunCounts {
  files: number;
  skipped: number;
  pages: number;
  articles: number;
  repairs: number;
  warnings: number;
  failures: number;
  seconds: number;
}

export class Progress {
  private readonly multi: cliProgress.MultiBar | null;
  private readonly bar: cliProgress.SingleBar | null;
  private readonly started = Date.now();
  private read = 0;
  private filesDone = 0;
  private articles = 0;
  private total: number;
  private active: boolean;

  constructor(private readonly options: ProgressOptions) {
    this.total = Math.max(options.totalBytes, 1);
    this.active = options.enabled;
    if (!options.enabled) {
      this.multi = this.bar = null;
      return;
    }
    // cli-progress (CommonJS, ~20 modules with string-width and its kin) loads only when a bar is drawn
    const bars = createRequire(import.meta.url)('cli-progress') as typeof cliProgress;
    this.multi = new bars.MultiBar({
      stream: process.stderr,
      format: 'news-split {bar} {files}/{totalFiles} files | {articles} articles | {speed} MB/s | ETA {eta_formatted}',
      hideCursor: !options.forced,
      clearOnComplete: true,
      noTTYOutput: options.forced,
      notTTYSchedule: 1000,
      etaBuffer: 64,
      fps: 8,
    }, bars.Presets.shades_classic);
    this.bar = this.multi.create(this.total, 0, this.payload());
  }

  /** bytes read from an input (stdin grows the total as it goes) */
  bytes(n: number): void {
    this.read += n;
    if (this.read > this.total) this.total = this.read;
    this.redraw();
  }

  fileDone(): void {
    this.filesDone++;
    this.redraw();
  }

  articlesDone(n: number): void {
    this.articles += n;
  }

  /** a line on stderr, above the bar while it is drawn */
  log(line: string): void {
    // cli-progress prints logged lines at its next redraw; without a TTY it redraws rarely, so write at once
    if (this.multi && this.active && !this.options.forced) this.multi.log(line.endsWith('\n') ? line : `${line}\n`);
    else process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
  }

  stop(): void {
    if (!this.multi || !this.active) return;
    this.active = false;
    this.bar?.update(this.total, this.payload());
    if (!this.options.forced) this.multi.update(); // flush lines logged since the last redraw
    this.multi.stop();
  }

  /**
   * Ctrl-C / SIGTERM: take the bar down at once, synchronously (the process exits next), so that the
   * terminal gets its cursor and line wrap back and the interrupt message starts on a line of its own.
   */
  interrupt(): void {
    if (!this.multi || !this.active) return;
    this.active = false;
    this.multi.stop();
  }

  private payload(): Record<string, string | number> {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    return {
      files: this.filesDone,
      totalFiles: this.options.totalFiles,
      articles: this.articles,
      speed: (this.read / 1e6 / seconds).toFixed(1),
    };
  }

  private redraw(): void {
    if (!this.bar) return;
    if (this.bar.getTotal() !== this.total) this.bar.setTotal(this.total);
    this.bar.update(Math.min(this.read, this.total), this.payload());
  }
}

/** The closing line: files, pages, articles, repairs, warnings, failures, time. */
export function summaryLine(c: RunCounts): string {
  const n = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
  return [
    n(c.files, 'file') + (c.skipped ? ` (${c.skipped} skipped)` : ''),
    n(c.pages, 'page'),
    n(c.articles, 'article'),
    n(c.repairs, 'repair'),
    n(c.warnings, 'warning'),
    `${c.failures} failed`,
    `${c.seconds.toFixed(1)} s`,
  ].join(', ');
}
