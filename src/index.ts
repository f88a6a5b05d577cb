/** news-split: split plain-text dumps of Chinese newspaper pages into structured articles. */
export { split } from './pipeline.js';
export { convert, emit } from './library.js';
export type { ConvertSource, ConvertOptions, PageResult } from './library.js';
export { decodeBuffer, DecodeError } from './read/decode.js';
export { verify, describeVerifyReport } from './verify.js';
export type { VerifyReport, CharDifference, CharPosition } from './verify.js';
export type { Lexicon } from './lexicon/lexicon.js';
export type * from './types.js';
export type { EmitterFactory, Emitter, EmitterOptions, InputReport } from './emit/types.js';
export { FIELD_NAMES } from './emit/fields.js';
export type { FieldName } from './emit/fields.js';
