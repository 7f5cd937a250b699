/**
 * Files derived once from an installed package into a cache folder (the unpacked kuromoji
 * dictionary, the compiled thesaurus), so that later starts only read them. Each file's SHA-256
 * is kept in a manifest and checked on every read; anything missing or changed is made again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MANIFEST = 'manifest.json';

/**
 * The files `names` in `dir`, checked against the manifest; made with `make` (all of them) when
 * any is missing or damaged. Rejects when they can be neither read nor made (callers fall back
 * to the package's own files).
 */
export async function preparedFiles(dir: string, names: readonly string[], make: (name: string) => Promise<Uint8Array>): Promise<Map<string, Buffer>> {
  return readChecked(dir, names).catch(async () => {
    await prepare(dir, names, make);
    return readChecked(dir, names);
  });
}

async function readChecked(dir: string, names: readonly string[]): Promise<Map<string, Buffer>> {
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Record<string, string>;
  const files = new Map<string, Buffer>();
  await Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name));
      if (sha256(bytes) !== manifest[name]) throw new Error(`${path.join(dir, name)} does not match its checksum`);
      files.set(name, bytes);
    }),
  );
  return files;
}

/**
 * Makes every file into a folder beside `dir`, then renames it into place, so a reader never
 * sees half; when another process (or test worker) got there first, its copy stands.
 */
async function prepare(dir: string, names: readonly string[], make: (name: string) => Promise<Uint8Array>): Promise<void> {
  const temporary = `${dir}.${randomUUID()}.tmp`;
  await mkdir(temporary, { recursive: true });
  try {
    const manifest: Record<string, string> = {};
    for (const name of names) {
      const bytes = await make(name);
      await writeFile(path.join(temporary, name), bytes);
      manifest[name] = sha256(bytes);
    }
    await writeFile(path.join(temporary, MANIFEST), JSON.stringify(manifest, null, 2));
    // A damaged copy is moved aside first: rename cannot replace a folder that has files.
    const damaged = `${dir}.${randomUUID()}.old`;
    if (await rename(dir, damaged).then(() => true, () => false)) await rm(damaged, { recursive: true, force: true });
    await rename(temporary, dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
