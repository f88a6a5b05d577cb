// Cohesion in typed arrays (issue 19) gives exactly what the Map-of-bigrams version gave: same
// bigrams, integer sums, so the same double, bit for bit, on any text (astral Han, lone surrogates,
// windows that cut a surrogate pair included).
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { BUILT_HAN_RUNS_URL, cohesion, cohesionOfTexts, hanRuns, MIN_SIDE, WINDOW_AFTER, WINDOW_BEFORE } from '../src/transform/cohesion.js';

const NOT_HAN_RE = /[^\p{Script=Han}]/gu;

/** The implementation before issue 19, kept here as the reference. */
function bigramCountsMap(text: string): Map<number, number> {
  const m = new Map<number, number>();
  const han = text.replace(NOT_HAN_RE, '');
  for (let i = 0; i + 1 < han.length; i++) {
    const g = han.charCodeAt(i) * 0x10000 + han.charCodeAt(i + 1);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}
function cohesionMap(before: string, after: string): number | null {
  if (before.length < MIN_SIDE || after.length < MIN_SIDE) return null;
  const a = bigramCountsMap(before.slice(-WINDOW_BEFORE));
  const b = bigramCountsMap(after.slice(0, WINDOW_AFTER));
  if (a.size === 0 || b.size === 0) return null;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [g, v] of a) { na += v * v; dot += v * (b.get(g) ?? 0); }
  for (const v of b.values()) nb += v * v;
  return dot / Math.sqrt(na * nb);
}

const bits = (x: number | null): string => (x === null ? 'null' : Buffer.from(new Float64Array([x]).buffer).toString('hex'));

// a small alphabet, so bigrams repeat; astral Han (𠀀 𪚥 𰀀), non-Han astral (😀), lone surrogates,
// kana and Latin (not Han), CJK punctuation
const unit = fc.constantFrom(
  ...'中国经济发展建设城市会议人民日报重庆北京上海'.split(''), '𠀀', '𪚥', '𰀀', '😀', '\ud840', '\udc00',
  'の', 'a', '1', ' ', '\n', '，', '。', '〇', '々',
);
const text = (min: number, max: number) => fc.array(unit, { minLength: min, maxLength: max }).map((a) => a.join(''));

describe('cohesion (typed arrays)', () => {
  it('is bit-identical to the Map implementation', () => {
    fc.assert(fc.property(text(80, 3600), text(80, 1000), (before, after) => {
      expect(bits(cohesion(before, after))).toBe(bits(cohesionMap(before, after)));
    }), { seed: 20261201, numRuns: 300 });
  });

  it('is bit-identical on texts of many distinct bigrams (the count tables near full)', () => {
    const wide = fc.array(fc.integer({ min: 0x4e00, max: 0x4e00 + 300 }), { minLength: 100, maxLength: 3500 })
      .map((cs) => String.fromCharCode(...cs));
    fc.assert(fc.property(wide, wide, (before, after) => {
      expect(bits(cohesion(before, after))).toBe(bits(cohesionMap(before, after)));
    }), { seed: 20261202, numRuns: 100 });
  });

  it('on lists of texts is cohesion() of the texts joined, bit for bit (pairs split between texts, cuts inside a text)', () => {
    const texts = fc.array(text(0, 900), { maxLength: 8 });
    fc.assert(fc.property(texts, texts, (before, after) => {
      expect(bits(cohesionOfTexts(before, after))).toBe(bits(cohesion(before.join(''), after.join(''))));
    }), { seed: 20261203, numRuns: 400 });
    // a surrogate pair of astral Han whose halves end one text and start the next
    const han = '经济发展建设'.repeat(30);
    expect(bits(cohesionOfTexts([han, '\ud840', '\udc00', han], [han]))).toBe(bits(cohesion(`${han}\ud840\udc00${han}`, han)));
  });

  it('says null without Han text on a side, and 1 for the same text', () => {
    const han = '经济发展'.repeat(40);
    expect(cohesion('a'.repeat(200), han)).toBeNull();
    expect(cohesion(han, '😀'.repeat(100))).toBeNull();
    expect(cohesion(han, han)).toBe(cohesionMap(han, han));
  });

  it("the BMP's Han runs are the code units the pattern takes for Han, and the build's copy is them", () => {
    const runs = hanRuns();
    const inRuns = new Uint8Array(0x10000);
    for (let i = 0; i + 1 < runs.length; i += 2) inRuns.fill(1, runs[i], runs[i + 1]);
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const han = !(c >= 0xd800 && c <= 0xdfff) && /\p{Script=Han}/u.test(String.fromCharCode(c));
      if (han !== (inRuns[c] === 1)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
    // the build writes it to dist/transform/ (the source's URL points beside the .ts file: read it from dist)
    const built = new URL('../dist/transform/han-runs.json', import.meta.url);
    expect(BUILT_HAN_RUNS_URL.pathname.endsWith('/transform/han-runs.json')).toBe(true);
    if (existsSync(built)) {
      const file = JSON.parse(readFileSync(built, 'utf8')) as { unicode: string; icu: string; runs: number[] };
      if (file.unicode === process.versions.unicode && file.icu === process.versions.icu) expect(file.runs).toEqual(runs);
    }
  });
});
