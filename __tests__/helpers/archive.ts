// Generated newspaper pages for batch tests: deterministic (seeded), made-up text (never the
// copyrighted corpus), shaped like a daily page: a page header, then articles of a title, a lead
// with a byline and dateline, and body paragraphs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { seeded } from '../../src/learn/perceptron.js';

const PLACES = ['重庆', '成都', '北京', '上海', '武汉', '西安', '长沙', '贵阳'];
const TOPICS = ['产业园区', '职业教育', '高速公路', '乡村振兴', '数字经济', '生态保护', '文化旅游', '城市更新', '科技创新', '养老服务'];
const VERBS = ['加快建设', '全面推进', '深入实施', '持续优化', '积极探索', '稳步提升'];
const NAMES = ['张璐', '匡丽娜', '李明', '王芳', '陈晨', '刘洋', '赵敏', '周杰'];
const CLAUSES = [
  '记者从有关部门获悉', '相关工作已取得阶段性成果', '下一步将进一步完善配套政策',
  '项目建成后将惠及沿线群众', '各方将加强协同配合', '目前各项指标均已完成年度目标',
  '这标志着该领域发展迈上新台阶', '群众的获得感和幸福感不断增强',
];

/** A small seeded generator (mulberry32, the one training shuffles with), so every run writes the same archive. */
export const random = seeded;

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

/** One page: header line, then `articles` articles (default 2–3). */
export function makePage(seed: number, pageNo = 1, articles?: number): string {
  const r = random(seed);
  const month = 1 + (seed % 12);
  const day = 1 + (seed % 28);
  const lines = [`2023年${month}月${day}日星期报 第${pageNo}版`, ''];
  const n = articles ?? 2 + Math.floor(r() * 2);
  for (let i = 0; i < n; i++) {
    const place = pick(r, PLACES);
    const topic = pick(r, TOPICS);
    lines.push(`${place}${pick(r, VERBS)}${topic}工作`, '');
    lines.push(`本报讯(记者 ${pick(r, NAMES)})${month}月${day}日,${place}召开${topic}推进会,${pick(r, CLAUSES)},${pick(r, CLAUSES)}。`, '');
    const paragraphs = 2 + Math.floor(r() * 3);
    for (let p = 0; p < paragraphs; p++) {
      const clauses = Array.from({ length: 3 + Math.floor(r() * 4) }, () => pick(r, CLAUSES));
      lines.push(`会议指出,要${pick(r, VERBS)}${topic},${clauses.join(',')}。`, '');
    }
  }
  return lines.join('\n');
}

export type ArchiveEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export function encode(text: string, encoding: ArchiveEncoding): Buffer {
  switch (encoding) {
    case 'utf-8': return Buffer.from(text, 'utf8');
    case 'gb18030': return iconv.encode(text, 'gb18030');
    case 'utf-16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

export interface ArchiveFile {
  /** path relative to the archive root */
  path: string;
  encoding: ArchiveEncoding | 'unreadable';
  pages: number;
}

/**
 * A nested archive: years/months/days, `files` files of 1–3 pages each (separated by form feeds);
 * every 7th file GB18030, every 11th UTF-16 with a BOM (LE or BE), and the files named in
 * `unreadable` (indices) made of bytes that no encoding accepts. Pages hold 2–3 articles, or
 * `articlesPerPage`.
 */
export function writeArchive(root: string, files: number, unreadable: number[] = [], articlesPerPage?: number): ArchiveFile[] {
  const out: ArchiveFile[] = [];
  let page = 0;
  for (let i = 0; i < files; i++) {
    const year = 2020 + (i % 3);
    const month = String(1 + (Math.floor(i / 3) % 12)).padStart(2, '0');
    const path = `${year}/${month}/${year}-${month}-${String(i).padStart(4, '0')}.txt`;
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    if (unreadable.includes(i)) {
      // a lone 0x80 is no lead byte in UTF-8 or GB18030; 0xFF likewise
      writeFileSync(file, Buffer.concat([Buffer.from('标题\n\n', 'utf8'), Buffer.from([0x80, 0xff, 0x80, 0x41])]));
      out.push({ path, encoding: 'unreadable', pages: 0 });
      continue;
    }
    const pages = 1 + (i % 3);
    const text = Array.from({ length: pages }, (_, p) => makePage(1000 + page++, p + 1, articlesPerPage)).join('\n\f');
    const encoding: ArchiveEncoding = i % 7 === 3 ? 'gb18030' : i % 11 === 5 ? (i % 2 ? 'utf-16le' : 'utf-16be') : 'utf-8';
    writeFileSync(file, encode(text, encoding));
    out.push({ path, encoding, pages });
  }
  return out;
}
