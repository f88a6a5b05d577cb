/**
 * --convert t2s | s2t: Traditional → Simplified Chinese or back, through opencc-js (OpenCC's t2s and
 * s2t, phrase by phrase), for search indexes that hold one script. Applied to the record's text only,
 * after the page was split and checked (--verify counts the characters as printed): the source span
 * and every offset still point into the input as it was, and what audits the input stays as printed:
 * the id (the input's name), the repairs' before/after, the warnings and the diagnostics.
 */
import { createRequire } from 'node:module';
import type { Article, SplitResult } from '../types.js';

export type ScriptConversion = 't2s' | 's2t';
export const SCRIPT_CONVERSIONS: readonly ScriptConversion[] = ['t2s', 's2t'];

type TextConverter = (text: string) => string;
interface OpenCC { Converter(options: { from: string; to: string }): TextConverter }

const require = createRequire(import.meta.url);
const converters = new Map<ScriptConversion, TextConverter>();

/** The converter, loaded on first use (each direction has its own dictionary module: t2cn is 0.1 MB,
 *  cn2t 1.1 MB) and synchronously, so that a page is still converted in one synchronous call. */
export function scriptConverter(which: ScriptConversion): TextConverter {
  let c = converters.get(which);
  if (!c) {
    // OpenCC's locales: 't' is its standard Traditional (t2s.json / s2t.json), 'cn' mainland Simplified
    const opencc = require(which === 't2s' ? 'opencc-js/t2cn' : 'opencc-js/cn2t') as OpenCC;
    c = which === 't2s' ? opencc.Converter({ from: 't', to: 'cn' }) : opencc.Converter({ from: 'cn', to: 't' });
    converters.set(which, c);
  }
  return c;
}

/** The record with its text converted (a new record: the input is left alone). */
export function convertArticle(a: Article, which: ScriptConversion): Article {
  const c = scriptConverter(which);
  const orNull = (s: string | null): string | null => (s === null ? null : c(s));
  const all = (list: readonly string[]): string[] => list.map(c);
  return {
    ...a,
    title: c(a.title),
    headlines: all(a.headlines),
    kicker: all(a.kicker),
    subtitles: all(a.subtitles),
    byline: {
      raw: orNull(a.byline.raw), source: orNull(a.byline.source), reporters: all(a.byline.reporters),
      correspondents: all(a.byline.correspondents), photographers: all(a.byline.photographers),
      editors: all(a.byline.editors), agency: orNull(a.byline.agency),
    },
    dateline: a.dateline && { ...a.dateline, raw: c(a.dateline.raw), place: orNull(a.dateline.place) },
    paragraphs: all(a.paragraphs),
    publication: { ...a.publication, paper: orNull(a.publication.paper) },
  };
}

/** A page's result with every article converted (the diagnostics stay as printed). */
export function convertResult(result: SplitResult, which: ScriptConversion | undefined): SplitResult {
  return which ? { ...result, articles: result.articles.map((a) => convertArticle(a, which)) } : result;
}
