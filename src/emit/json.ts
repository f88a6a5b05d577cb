/** One pretty JSON document: {"version", "articles": [...], "inputs": [...diagnostics]}. Streamed article by article. */
import type { EmitterFactory, InputReport } from './types.js';
import { SCHEMA_VERSION } from './version.js';
import { chosenFields, type FieldName } from './fields.js';

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

export const json: EmitterFactory = {
  name: 'json',
  extension: 'json',
  description: 'one JSON document: {version, articles, inputs}',
  create(options) {
    // --fields: the chosen fields of the flat view (fields.ts) instead of the whole record
    const fields = options.fields as readonly FieldName[] | undefined;
    let count = 0;
    const inputs: InputReport[] = [];
    return {
      start: () => `{\n  "version": ${JSON.stringify(SCHEMA_VERSION)},\n  "articles": [`,
      article: (a) => `${count++ ? ',' : ''}\n    ${indent(JSON.stringify(fields ? chosenFields(a, fields) : a, null, 2), '    ')}`,
      input: (r) => { inputs.push(r); },
      end: () => `${count ? '\n  ' : ''}],\n  "inputs": ${indent(JSON.stringify(inputs, null, 2), '  ')}\n}\n`,
    };
  },
};
