/**
 * The raw floor: the least any splitter of text dumps must do in Node. Read the file, decode UTF-8,
 * cut it into blocks at blank lines, write each block as one JSON line. Streamed (1 MiB chunks, a
 * carry-over for the block cut at a chunk's end), which is the fastest shape measured on Node 20
 * (TOOLCHAIN.md §8). news-split's throughput is reported as a ratio to this, measured in the same run.
 *
 *   node bench/floor.mjs INPUT > OUT.jsonl
 */
import { createReadStream } from 'node:fs';

const BLANK_LINES = /\r?\n(?:[ \t\u3000]*\r?\n)+/;

async function main(path) {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let blocks = 0;
  for await (const chunk of input) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const parts = text.split(BLANK_LINES);
    carry = parts.pop() ?? '';
    await write(parts);
    blocks += parts.length;
  }
  const last = (carry + decoder.decode()).split(BLANK_LINES).filter((b) => b.trim());
  await write(last);
  blocks += last.length;
  return blocks;
}

async function write(parts) {
  let out = '';
  for (const block of parts) if (block.trim()) out += `${JSON.stringify({ text: block })}\n`;
  if (out && !process.stdout.write(out)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

const blocks = await main(process.argv[2]);
process.stderr.write(`${blocks} blocks\n`);
