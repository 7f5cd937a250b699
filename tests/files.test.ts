/** The core's file helpers on their own: an atomic write leaves nothing behind, and a yield lets waiting work run. */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeAtomically, yieldToEventLoop } from '../src/files.js';
import { tempDir } from './helpers.js';

describe('writeAtomically', () => {
  it('writes the file and leaves no temporary file, and none when the rename fails', async () => {
    const dir = await tempDir();
    await writeAtomically(path.join(dir, 'a.txt'), 'new');
    expect(await readdir(dir)).toEqual(['a.txt']);
    // A folder in the way (with a file in it, so rename cannot replace it): the write fails.
    await mkdir(path.join(dir, 'b.txt'));
    await writeFile(path.join(dir, 'b.txt', 'inside'), 'x');
    await expect(writeAtomically(path.join(dir, 'b.txt'), 'new')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt']);
  });

  it('fails with the error that kept it from writing, not one from tidying up', async () => {
    const dir = await tempDir();
    vi.resetModules();
    vi.doMock('node:fs/promises', async (importOriginal) => {
      const actual = await importOriginal<typeof import('node:fs/promises')>();
      // A folder it may not write in (the tests run as root, who may write anywhere).
      const writeFile = (async (file: string) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
      }) as unknown as typeof actual.writeFile;
      return { ...actual, writeFile, default: { ...actual, writeFile } };
    });
    try {
      const { writeAtomically: denied } = await import('../src/files.js');
      await expect(denied(path.join(dir, 'a.txt'), 'new')).rejects.toThrow(/^EACCES: permission denied/);
    } finally {
      vi.doUnmock('node:fs/promises');
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('yieldToEventLoop', () => {
  it('lets what already waits on the event loop run first (a chat acknowledgement during a build)', async () => {
    let ran = false;
    setImmediate(() => (ran = true));
    await yieldToEventLoop();
    expect(ran).toBe(true);
  });
});
