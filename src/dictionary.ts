/**
 * kuromoji's dictionary, prepared once into a cache folder (see prepared-cache.ts): unpacked
 * (no gunzip at start) and without the zero padding its byte tables end with (36 of its 100 MB).
 * A cache that cannot be made or read falls back to the package's own dictionary.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import kuromoji from 'kuromoji';
import { preparedFiles } from './prepared-cache.js';

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
/** Zero bytes kept after the last non-zero one: the rest of a number or string that ends in zeros. */
const KEPT_PADDING = 8;

/** The package's dictionary folder (resolved from the installed package, so any working directory will do). */
function stockDictionaryPath(): string {
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
  const trimmed = new Set<string>(DICTIONARY_FILES.filter((f) => f.trim).map((f) => f.name));
  const files = await preparedFiles(
    preparedDictionaryPath(cacheDir),
    DICTIONARY_FILES.map((f) => f.name),
    async (name) => {
      const unpacked = await promisify(gunzip)(await readFile(path.join(stockDictionaryPath(), `${name}.gz`)));
      return trimmed.has(name) ? withoutPadding(unpacked) : unpacked;
    },
  );
  return tokenizerFrom(new Map([...files].map(([name, bytes]) => [name, ownArrayBuffer(bytes)])));
}

/** The bytes up to the last non-zero one, plus a little padding, rounded up to whole 4-byte words. */
export function withoutPadding(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  const kept = Math.min(bytes.length, Math.ceil((end + KEPT_PADDING) / 4) * 4);
  return bytes.subarray(0, kept);
}

/** kuromoji's TokenInfoDictionary, as far as its word map is concerned. */
interface KuromojiWords {
  target_map: unknown;
  loadTargetMap(bytes: Uint8Array): unknown;
}

interface KuromojiInternals {
  DictionaryLoader: new (dicPath: string) => {
    dic: { token_info_dictionary: KuromojiWords };
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
  loadTargetMapCompactly(loader.dic.token_info_dictionary);
  return new Promise((resolve, reject) => loader.load((err, dic) => (err ? reject(err) : resolve(new Tokenizer(dic)))));
}

/** A function of its own, so the hook's closure holds only `words`, not the loader's file buffers. */
function loadTargetMapCompactly(words: KuromojiWords): void {
  words.loadTargetMap = (bytes) => {
    words.target_map = readTargetMap(bytes);
    return words;
  };
}

/**
 * tid_map.dat (which token entries each dictionary word has) as kuromoji's tokenizer reads it,
 * `map[trieId][i]`, in a dense array of exact-length arrays. kuromoji's own reader fills an
 * object keyed by trie id with arrays grown by `push` (room for 17 entries; 86% hold one):
 * 62 MB of heap for 326,000 words, against 22 MB here.
 */
export function readTargetMap(bytes: Uint8Array): number[][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const map: number[][] = [];
  // The number of words, then for each (ascending): trie id, count, entries; little-endian int32s, zero padding at the end.
  for (let at = 4; at + 8 <= bytes.length; ) {
    const trieId = view.getInt32(at, true);
    const entries = new Array<number>(view.getInt32(at + 4, true));
    at += 8;
    if (entries.length === 0) continue;
    for (let i = 0; i < entries.length; i++, at += 4) entries[i] = view.getInt32(at, true);
    map[trieId] = map[trieId]?.concat(entries) ?? entries;
  }
  return map;
}

/** An ArrayBuffer holding exactly `bytes` (a Buffer may be a view into a larger, shared one). */
function ownArrayBuffer(bytes: Buffer): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = bytes;
  return byteOffset === 0 && byteLength === buffer.byteLength ? (buffer as ArrayBuffer) : (buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
}

