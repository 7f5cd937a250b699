/**
 * kuromoji's dictionary, prepared once into a cache folder: unpacked (no gunzip at start) and
 * without the zero padding its byte tables end with (36 of its 100 MB). Each prepared file's
 * SHA-256 is checked as it is read; a missing, damaged or unwritable cache falls back to the
 * package's own dictionary, so the bot starts either way.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import kuromoji from 'kuromoji';

const require = createRequire(import.meta.url);

/** The dictionary's files. Those read as byte streams (not indexed arrays) may lose their padding. */
const DICTIONARY_FILES = [
  { name: 'base.dat', trim: false },
  { name: 'check.dat', trim: false },
  { name: 'cc.dat', trim: false },
  { name: 'tid.dat', trim: true },
  { name: 'tid_pos.dat', trim: true },
  { name: 'tid_map.dat', trim: true },
  { name: 'unk.dat', trim: true },
  { name: 'unk_pos.dat', trim: true },
  { name: 'unk_map.dat', trim: true },
  { name: 'unk_char.dat', trim: false },
  { name: 'unk_compat.dat', trim: false },
  { name: 'unk_invoke.dat', trim: true },
] as const;

/** Bump when the preparation changes, so caches made by an older one are prepared again. */
const PREPARATION_VERSION = 1;
const MANIFEST = 'manifest.json';
/** Zero bytes kept after the last non-zero one: the rest of a number or string that ends in zeros. */
const KEPT_PADDING = 8;

type Manifest = Record<string, string>;

/** The package's dictionary folder (resolved from the installed package, so any working directory will do). */
export function stockDictionaryPath(): string {
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** Where the prepared copy for this kuromoji version lives under `cacheDir`. */
export function preparedDictionaryPath(cacheDir: string): string {
  const { version } = require('kuromoji/package.json') as { version: string };
  return path.join(cacheDir, `kuromoji-${version}-p${PREPARATION_VERSION}`);
}

/** kuromoji's tokenizer from the stock dictionary. */
export function stockTokenizer(): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: stockDictionaryPath() }).build((err, tokenizer) =>
      err ? reject(new Error(`Could not load the kuromoji dictionary from ${stockDictionaryPath()}: ${err.message}`)) : resolve(tokenizer),
    );
  });
}

/**
 * The tokenizer from the prepared copy in `cacheDir`, preparing it first when it is missing or
 * damaged. Rejects when the copy cannot be prepared or read; callers fall back to `stockTokenizer`.
 */
export async function preparedTokenizer(cacheDir: string): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  const dir = preparedDictionaryPath(cacheDir);
  const files = await readPrepared(dir).catch(async () => {
    await prepare(dir);
    return readPrepared(dir);
  });
  return tokenizerFrom(files);
}

/** Reads every prepared file and checks it against the manifest; throws on anything missing or changed. */
async function readPrepared(dir: string): Promise<Map<string, ArrayBuffer>> {
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  const files = new Map<string, ArrayBuffer>();
  await Promise.all(
    DICTIONARY_FILES.map(async ({ name }) => {
      const bytes = await readFile(path.join(dir, name));
      if (sha256(bytes) !== manifest[name]) throw new Error(`${name} does not match its checksum`);
      files.set(name, ownArrayBuffer(bytes));
    }),
  );
  return files;
}

/**
 * Unpacks and trims the stock dictionary into `dir`: written beside it and renamed, so a reader
 * never sees half; when another process (or test worker) got there first, its copy stands.
 */
async function prepare(dir: string): Promise<void> {
  const temporary = `${dir}.${randomUUID()}.tmp`;
  await mkdir(temporary, { recursive: true });
  try {
    const manifest: Manifest = {};
    for (const { name, trim } of DICTIONARY_FILES) {
      const unpacked = await promisify(gunzip)(await readFile(path.join(stockDictionaryPath(), `${name}.gz`)));
      const bytes = trim ? withoutPadding(unpacked) : unpacked;
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

/** The bytes up to the last non-zero one, plus a little padding, rounded up to whole 4-byte words. */
export function withoutPadding(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  const kept = Math.min(bytes.length, Math.ceil((end + KEPT_PADDING) / 4) * 4);
  return bytes.subarray(0, kept);
}

interface KuromojiInternals {
  DictionaryLoader: new (dicPath: string) => {
    loadArrayBuffer(file: string, callback: (err: Error | null, buffer?: ArrayBuffer) => void): void;
    load(callback: (err: Error | null, dic: unknown) => void): void;
  };
  Tokenizer: new (dic: unknown) => kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
}

/** kuromoji's own loader, fed the prepared buffers instead of gunzipped files. */
function tokenizerFrom(files: Map<string, ArrayBuffer>): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  const { DictionaryLoader, Tokenizer } = {
    DictionaryLoader: require('kuromoji/src/loader/DictionaryLoader.js'),
    Tokenizer: require('kuromoji/src/Tokenizer.js'),
  } as KuromojiInternals;
  const loader = new DictionaryLoader('');
  // The loader asks for `<name>.gz`; it calls this unbound, so it may not use `this`.
  loader.loadArrayBuffer = (file, callback) => {
    const buffer = files.get(path.basename(file, '.gz'));
    callback(buffer ? null : new Error(`no prepared ${file}`), buffer);
  };
  return new Promise((resolve, reject) => loader.load((err, dic) => (err ? reject(err) : resolve(new Tokenizer(dic)))));
}

/** An ArrayBuffer holding exactly `bytes` (a Buffer may be a view into a larger, shared one). */
function ownArrayBuffer(bytes: Buffer): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  return byteOffset === 0 && byteLength === buffer.byteLength ? (buffer as ArrayBuffer) : (buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
