/** news-split: split plain-text dumps of Chinese newspaper pages into structured articles. */
export { split } from './pipeline.js';
export { decodeBuffer, DecodeError } from './read/decode.js';
export type * from './types.js';
