import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { decodeBuffer, isGb18030, DecodeError } from '../src/read/decode.js';

const TEXT = '重庆日报讯(记者 张 璐)11月3日下午,𠀀会议召开。';

describe('decoding', () => {
  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeBuffer(Buffer.from(TEXT))).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeBuffer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]))).toEqual({ text: TEXT, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 with a BOM, both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(decodeBuffer(le)).toEqual({ text: TEXT, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeBuffer(be)).toEqual({ text: TEXT, encoding: 'utf-16be' });
  });

  it('falls back to GB18030, four-byte sequences included', () => {
    const gb = iconv.encode(TEXT, 'gb18030');
    expect(isGb18030(gb)).toBe(true);
    expect(decodeBuffer(gb)).toEqual({ text: TEXT, encoding: 'gb18030' });
  });

  it('refuses binary and undecodable input with a reason', () => {
    expect(() => decodeBuffer(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toThrow(/not text \(looks like gzip\)/);
    expect(() => decodeBuffer(Buffer.from('ab\0cd'))).toThrow(DecodeError);
    expect(() => decodeBuffer(Buffer.from([0xe4, 0xb8, 0x80, 0x80, 0xff, 0x41]))).toThrow(/neither UTF-8 nor GB18030/);
  });

  it('honours a forced encoding, reading GBK as GB18030', () => {
    expect(decodeBuffer(iconv.encode(TEXT, 'gb18030'), 'GBK').text).toBe(TEXT);
    expect(() => decodeBuffer(Buffer.from(TEXT), 'klingon')).toThrow(/unknown encoding/);
  });
});
