/** Files derived once into a cache folder and checked on every read (src/prepared-cache.ts). */
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('when putting its copy in place fails', () => {
    afterEach(() => {
      vi.doUnmock('node:fs/promises');
    });

    /** preparedFiles, with node:fs/promises' rename of a made copy into place replaced by `renameIntoPlace`. */
    type Rename = (from: string, to: string) => Promise<void>;
    async function preparedFilesWhere(renameIntoPlace: (rename: Rename, from: string, to: string) => Promise<void>) {
      vi.resetModules();
      vi.doMock('node:fs/promises', async (importOriginal) => {
        const actual = await importOriginal<typeof import('node:fs/promises')>();
        const rename = ((from: string, to: string) => (from.endsWith('.tmp') ? renameIntoPlace(actual.rename, from, to) : actual.rename(from, to))) as typeof actual.rename;
        return { ...actual, rename, default: { ...actual, rename } };
      });
      return (await import('../src/prepared-cache.js')).preparedFiles;
    }

    it.each([
      ['ENOTEMPTY, as Linux reports a folder in the way', (rename: Rename, from: string, to: string) => rename(from, to)],
      ['EEXIST (POSIX allows either)', async (_rename: Rename, _from: string, to: string) => {
        throw Object.assign(new Error(`EEXIST: file already exists, rename -> '${to}'`), { code: 'EEXIST' });
      }],
    ])('takes the copy another process put in place first, its rename failing with %s', async (_reason, renameAfterTheirs) => {
      const dir = path.join(await tempDir(), 'cache');
      const theirs = new TextEncoder().encode('their copy');
      const racing = await preparedFilesWhere(async (rename, from, to) => {
        await mkdir(to);
        await writeFile(path.join(to, 'a.dat'), theirs);
        await writeFile(path.join(to, 'manifest.json'), JSON.stringify({ 'a.dat': createHash('sha256').update(theirs).digest('hex') }));
        await renameAfterTheirs(rename, from, to);
      });
      const files = await racing(dir, ['a.dat'], async () => new TextEncoder().encode('our copy'));
      expect(files.get('a.dat')!.toString('utf8')).toBe('their copy');
      expect(await readdir(path.dirname(dir))).toEqual(['cache']);
    });

    it('rejects with the error that kept its copy out of place', async () => {
      const root = await tempDir();
      const failing = await preparedFilesWhere(async () => {
        throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      });
      await expect(failing(path.join(root, 'cache'), ['a.dat'], async () => new TextEncoder().encode('中身'))).rejects.toThrow('EIO: i/o error, rename');
      expect(await readdir(root)).toEqual([]);
    });
  });
});
