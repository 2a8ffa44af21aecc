// The answers' file: the same bytes whether written past the page cache or through it, whatever the sizes of the
// chunks (smaller than a block, larger than a staging buffer, a last one that does not end on a block).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAnswerFile } from './answer-file.ts';

// Under the project, not the system's temporary folder: that may be a memory file system without direct writes.
const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(root, '.answer-file-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Chunks of varied sizes with varied contents, 21 MB in all (so both staging buffers of 8 MB turn). */
function chunks(): Uint8Array[] {
  const sizes = [1, 0, 4095, 4097, 9 << 20, 33_075, 3 << 20, 777, 65_536, (8 << 20) - 12_345, 10];
  let seed = 7;
  return sizes.map((size) => {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    return bytes;
  });
}

async function writeAll(file: string, direct: boolean) {
  const out = openAnswerFile(file, { direct });
  const parts = chunks();
  let released = 0;
  for (const part of parts) out.write(part, () => released++);
  await out.close();
  return { mode: out.mode, released, expected: Buffer.concat(parts), backlog: out.backlog() };
}

describe('the answers’ file', () => {
  it('writes exactly the bytes given, in order, past the page cache and through it', async () => {
    for (const direct of [true, false]) {
      const file = path.join(dir, `answers-${direct}.jsonl`);
      fs.writeFileSync(file, 'an older, longer file that must not leave anything behind'.repeat(1e6));
      const { mode, released, expected, backlog } = await writeAll(file, direct);
      expect(fs.readFileSync(file).equals(expected)).toBe(true);
      expect(released).toBe(11);
      expect(backlog).toBe(0);
      // On Linux, a file on the project's disk is written directly: if the staging memory lost its alignment,
      // the batch would quietly fall back to the page cache, and this says so.
      if (direct && process.platform === 'linux') expect(mode).toBe('direct');
      if (!direct) expect(mode).toBe('stream');
    }
  });

  it('writes an empty file when given nothing', async () => {
    const file = path.join(dir, 'empty.jsonl');
    const out = openAnswerFile(file);
    await out.close();
    expect(fs.statSync(file).size).toBe(0);
  });

  it('goes through a stream to what is not a regular file', async () => {
    const out = openAnswerFile('/dev/null');
    expect(out.mode).toBe('stream');
    out.write(new Uint8Array(10), () => {});
    await out.close();
  });

  it('fails at once, with the system’s reason, on a folder that does not exist', () => {
    expect(() => openAnswerFile(path.join(dir, 'nope', 'answers.jsonl'))).toThrow(/ENOENT/);
  });
});
