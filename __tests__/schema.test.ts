import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { split } from '../src/pipeline.js';
import { ROOT, SAMPLE, phenomena } from './helpers/cli.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default as new (o: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'article.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe('schema/article.schema.json', () => {
  const pages = [SAMPLE, ...phenomena().map((p) => p.input)];
  it.each(pages)('describes every article split from %s', (page) => {
    const { articles } = split(readFileSync(page, 'utf8'), { file: page, date: '2024-01-01' });
    expect(articles.length).toBeGreaterThan(0);
    for (const a of articles) {
      const ok = validate(a);
      expect(validate.errors ?? null).toBeNull();
      expect(ok).toBe(true);
    }
  });

  it('rejects a record that breaks the contract', () => {
    const [a] = split(readFileSync(SAMPLE, 'utf8')).articles;
    expect(validate({ ...a, byline: { ...a!.byline, reporters: '张璐' } })).toBe(false);
    expect(validate({ ...a, dateline: { ...a!.dateline!, date: '2023/11/03' } })).toBe(false);
  });
});

describe('schema version', () => {
  it('is carried by every record, and is the version the schema and the json format state', async () => {
    const { SCHEMA_VERSION } = await import('../src/emit/version.js');
    expect(SCHEMA_VERSION).toBe('1.2');
    expect(schema.properties.schema.const).toBe(SCHEMA_VERSION);
    expect(schema.required).toContain('schema');
    const [a] = split(readFileSync(SAMPLE, 'utf8')).articles;
    expect(a!.schema).toBe(SCHEMA_VERSION);
    expect(Object.keys(a!)[0]).toBe('schema');
    expect(validate({ ...a, schema: '1.1' })).toBe(false);
    const { schema: _, ...without } = a!;
    expect(validate(without)).toBe(false);
  });
});
