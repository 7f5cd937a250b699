/** Files derived once into a cache folder and checked on every read (src/prepared-cache.ts). */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { preparedFiles } from '../src/prepared-cache.js';
import { tempDir } from './helpers.js';

describe('preparedFiles', () => {
  it('makes the files once into a folder whose parents need not exist, leaving nothing beside it', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'cache', 'dictionary');
    let made = 0;
    const make = async (name: string) => {
      made++;
      return new TextEncoder().encode(`${name} の中身`);
    };
    const files = await preparedFiles(dir, ['a.dat', 'b.dat'], make);
    expect([...files].map(([name, bytes]) => [name, bytes.toString('utf8')])).toEqual(expect.arrayContaining([['a.dat', 'a.dat の中身'], ['b.dat', 'b.dat の中身']]));
    expect((await preparedFiles(dir, ['a.dat', 'b.dat'], make)).size).toBe(2);
    expect(made).toBe(2);
    expect(await readdir(path.join(root, 'cache'))).toEqual(['dictionary']);
  });

  it('makes a damaged copy again and leaves neither it nor the new one\'s temporary folder beside it', async () => {
    const root = await tempDir();
    const dir = path.join(root, 'cache');
    const make = async () => new TextEncoder().encode('正しい中身');
    await preparedFiles(dir, ['a.dat'], make);
    await writeFile(path.join(dir, 'a.dat'), '壊れた中身');
    const files = await preparedFiles(dir, ['a.dat'], make);
    expect(files.get('a.dat')!.toString('utf8')).toBe('正しい中身');
    expect(await readdir(root)).toEqual(['cache']);
  });

  it('rejects when a file cannot be made, leaving no half-made folder', async () => {
    const root = await tempDir();
    const failing = async () => {
      throw new Error('no room');
    };
    await expect(preparedFiles(path.join(root, 'cache'), ['a.dat'], failing)).rejects.toThrow();
    expect(await readdir(root)).toEqual([]);
  });
});
