/**
 * One file per article (emitters with layout 'per-article', e.g. Markdown, with --out-dir). Each file
 * gets a fresh emitter instance, so its content is exactly start() + article() + end() of one article.
 * Usable for any directory: the CLI passes --out-dir, a mirrored input tree passes each subfolder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Article } from '../types.js';
import type { EmitterFactory, EmitterOptions } from './types.js';
import { articleFileName, joinInside, NameBook } from './filenames.js';

export class ArticleFiles {
  private readonly names = new NameBook();
  private made = false;

  constructor(
    private readonly dir: string,
    private readonly factory: EmitterFactory,
    private readonly options: EmitterOptions = {},
  ) {}

  /** The text one article's file holds. */
  document(article: Article): string {
    const emitter = this.factory.create(this.options);
    return [emitter.start?.(), emitter.article(article), emitter.end?.()].map((t) => t ?? '').join('');
  }

  /** Write the article's file; returns its path. `input` is the input's name as given (or "stdin"). */
  async write(input: string, article: Article): Promise<string> {
    if (!this.made) {
      await mkdir(this.dir, { recursive: true });
      this.made = true;
    }
    const name = this.names.claim(articleFileName(input, article.index, article.title, this.factory.extension));
    const path = joinInside(this.dir, name);
    await writeFile(path, this.document(article));
    return path;
  }
}
