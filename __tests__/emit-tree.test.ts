// `--format tree`: the page's tree with its positions in the file, as a user runs it.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectTree } from '../src/emit/tree.js';
import { parsePage } from '../src/pipeline.js';
import { runCli } from './helpers/cli.js';

const PAGE_1 = '2023年11月4日重庆日报 第1版\n\n长江黄金水道扩能\n本报讯（记者 张三）重庆港口吞吐量创新高，\n全年有望突破两亿吨。\n\n';
const PAGE_2 = '2023年11月4日重庆日报 第2版\n\n文旅融合发展\n本报讯（记者 李四）今年以来，游客数量大增。\n';

describe('tree format', () => {
  it('draws one node a line, children indented under their parent, with file positions', () => {
    const text = inspectTree(parsePage(PAGE_1, { file: 'a.txt' }));
    expect(text.split('\n').slice(0, 9)).toEqual([
      'page[2] 1:1-7:1 (0-63) file="a.txt" page=1 pageDate=2023-11-04',
      '├─ furniture "2023年11月4日重庆日报 第1版" 1:1-1:19 (0-18) kind=page-header rule=furniture-line',
      '└─ article[3] 3:1-5:11 (20-61) id="a.txt#1"',
      '   ├─ deck[1] 3:1-3:9 (20-28) title="长江黄金水道扩能"',
      '   │  └─ headline "长江黄金水道扩能" 3:1-3:9 (20-28)',
      '   ├─ lead "本报讯（记者 张三）" 4:1-4:11 (29-39)',
      '   └─ paragraph[3] "重庆港口吞吐量创新高，全年有望突破两亿吨。" 4:11-5:11 (39-61)',
      '      ├─ piece "重庆港口吞吐量创新高，" 4:11-4:22 (39-50)',
      '      ├─ repair 5:1-5:1 (51-51) kind=clause',
    ]);
  });

  it('is a built-in format of the CLI, positions counted from the start of the file on page 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'news-split-tree-'));
    const path = join(dir, 'two.txt');
    writeFileSync(path, PAGE_1 + PAGE_2);
    const r = runCli(['--format', 'tree', path]);
    expect(r.status).toBe(0);
    const pages = r.stdout.split('\n').filter((l) => l.startsWith('page['));
    expect(pages).toHaveLength(2);
    expect(pages[1]).toMatch(/^page\[\d+\] 7:1-/u);
    expect(r.stdout).toContain(`headline "文旅融合发展" 9:1-9:7 (${PAGE_1.length + 20}-${PAGE_1.length + 26})`);
    const jobs = runCli(['--format', 'tree', '--jobs', '2', path]);
    expect(jobs.stdout).toBe(r.stdout);
    expect(runCli(['--list-formats']).stdout).toMatch(/^tree +\.tree\.txt/mu);
  });
});
