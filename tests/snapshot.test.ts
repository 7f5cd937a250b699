/**
 * The snapshot survives a disk that fills up mid-write. The file system is real; only `writeFile`
 * is wrapped so that, when armed, it writes half the bytes and then fails as a full disk does.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { KnowledgeBase } from '../src/index.js';
import { readSnapshot, SNAPSHOT_FILE, writeSnapshot, type Snapshot } from '../src/snapshot.js';
import { tempDir, testConfig } from './helpers.js';

const disk = vi.hoisted(() => ({ fullAfterHalf: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const wrapped: typeof real.writeFile = async (file, data, options) => {
    if (!disk.fullAfterHalf || typeof data !== 'string') return real.writeFile(file, data, options);
    disk.fullAfterHalf = false;
    const bytes = Buffer.from(data);
    await real.writeFile(file, bytes.subarray(0, bytes.length >> 1));
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC' });
  };
  return { ...real, writeFile: wrapped };
});

describe('writeSnapshot', () => {
  it('keeps the old snapshot whole when the disk fills up halfway through writing the new one', async () => {
    const corpus = await tempDir();
    const indexDir = await tempDir();
    await writeFile(path.join(corpus, 'a.txt'), '題\n火星探査機は北極に着陸した。');
    const config = testConfig(corpus, indexDir);
    const first = await KnowledgeBase.open(config);
    const file = path.join(indexDir, SNAPSHOT_FILE);
    const before = await readFile(file, 'utf8');
    const old = JSON.parse(before) as Snapshot;

    disk.fullAfterHalf = true;
    await expect(writeSnapshot(indexDir, { ...old, builtAt: new Date(0).toISOString() })).rejects.toThrow(/ENOSPC/);
    expect(disk.fullAfterHalf).toBe(false); // the failure did happen inside writeSnapshot

    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(indexDir)).toEqual([SNAPSHOT_FILE]);
    const read = await readSnapshot(indexDir, old);
    expect('snapshot' in read && read.snapshot.builtAt).toBe(old.builtAt);
    // Reopened from the old snapshot, not rebuilt (a rebuild would stamp a new time).
    const again = await KnowledgeBase.open(config);
    expect(again.sources().builtAt).toBe(first.sources().builtAt);
    expect((await again.ask('火星探査機はどこに着陸した？')).status).toBe('answered');
  });
});
