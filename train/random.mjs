// Seeded randomness for the page generator: the same seed gives the same pages, byte for byte.

/** mulberry32: a tiny 32-bit PRNG, good enough for layout choices and fully reproducible. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One page's seed from the run's seed and the page's number, so a page does not depend on the pages before it. */
export function pageSeed(seed, index) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Helpers over one PRNG: chance, integer range, pick one item, pick by weight. */
export function dice(rand) {
  return {
    rand,
    chance: (p) => rand() < p,
    int: (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(rand() * items.length)],
    /** weighted: [[value, weight], …] */
    weighted(pairs) {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = rand() * total;
      for (const [value, w] of pairs) {
        if ((r -= w) < 0) return value;
      }
      return pairs[pairs.length - 1][0];
    },
  };
}
