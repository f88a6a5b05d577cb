/** Finding gold pages (X.gold.json beside X.txt): shared by `news-split eval` and `news-split train`. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `*.gold.json` below `dir`, sorted by name at each level (subfolders in place), like the scorer. */
export function findGoldFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) for (const f of findGoldFiles(p)) out.push(f);
    else if (name.endsWith('.gold.json')) out.push(p);
  }
  return out;
}
