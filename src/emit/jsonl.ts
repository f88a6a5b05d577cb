/** JSON Lines: one article per line, nothing else on stdout, so that `| jq` and `| head` just work. */
import type { EmitterFactory } from './types.js';
import { chosenFields, type FieldName } from './fields.js';

export const jsonl: EmitterFactory = {
  name: 'jsonl',
  extension: 'jsonl',
  description: 'JSON Lines, one article per line (the default)',
  stateless: true,
  create(options) {
    // --fields: the chosen fields of the flat view (fields.ts) instead of the whole record
    const fields = options.fields as readonly FieldName[] | undefined;
    return { article: (a) => `${JSON.stringify(fields ? chosenFields(a, fields) : a)}\n` };
  },
};
