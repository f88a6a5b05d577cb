/**
 * iconv-lite, loaded on its first use: it is CommonJS (its index pulls in its tables of codecs at
 * once), and only text that is not UTF-8 or UTF-16, or a forced --encoding, needs it.
 */
import { createRequire } from 'node:module';

type Iconv = typeof import('iconv-lite');
let loaded: Iconv | undefined;

export function iconv(): Iconv {
  return (loaded ??= createRequire(import.meta.url)('iconv-lite') as Iconv);
}
