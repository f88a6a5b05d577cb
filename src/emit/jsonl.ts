/** JSON Lines: one article per line, nothing else on stdout, so that `| jq` and `| head` just work. */
import type { EmitterFactory } from './types.js';

export const jsonl: EmitterFactory = {
  name: 'jsonl',
  extension: 'jsonl',
  description: 'JSON Lines, one article per line (the default)',
  stateless: true,
  create() {
    return { article: (a) => `${JSON.stringify(a)}\n` };
  },
};
