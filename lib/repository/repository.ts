// A repository opened with its passphrase: chunk and snapshot reads/writes over a Storage, with the format's checks.
import { randomBytes } from "node:crypto";
import { chunkKey, decompress, KIND_DELTA, MAX_DELTA_DEPTH, openChunk, parseHeader, sealChunk } from "./chunk-format";
import type { ChunkerParams } from "./chunker";
import { createConfig, parseConfig, unwrapKeys, type RepositoryConfig } from "./config";
import { hmacHex, importAesKey, importHmacKey, type AesKey, type HmacKey } from "./crypto";
import {
  AmbiguousSnapshotError,
  CorruptChunkError,
  MissingChunkError,
  RepositoryExistsError,
  RepositoryNotFoundError,
  SnapshotNotFoundError,
  type ChunkContext,
} from "./errors";
import { applyRowDelta, encodeRowDelta } from "./row-delta";
import { acquireLock, type HeldLock, type LockKind } from "./locks";
import { openManifest, sealManifest, snapshotKey, type Manifest } from "./manifest";
import { StorageNotFoundError, type Storage } from "./storage/types";

export interface StoredChunk {
  /** Sealed object size written to storage. */
  storedBytes: number;
  delta: boolean;
}

export class Repository {
  /** Decoded plaintexts of recently read chunks: delta bases are often asked for twice in a row. */
  private readonly cache = new Map<string, { plain: Buffer; depth: number }>();
  private cacheBytes = 0;

  private constructor(
    readonly storage: Storage,
    readonly config: RepositoryConfig,
    private readonly dataKey: AesKey,
    private readonly idKey: HmacKey,
  ) {}

  get id(): string {
    return this.config.id;
  }
  get chunker(): ChunkerParams {
    return this.config.chunker;
  }

  static async init(storage: Storage, passphrase: string, chunker?: ChunkerParams): Promise<Repository> {
    if (await storage.exists("config")) throw new RepositoryExistsError(storage.location);
    const { config, keys } = await createConfig(passphrase, chunker);
    await storage.put("config", Buffer.from(JSON.stringify(config, null, 2) + "\n"), { ifAbsent: true });
    return new Repository(storage, config, await importAesKey(keys.dataKey), await importHmacKey(keys.idKey));
  }

  static async open(storage: Storage, passphrase: string): Promise<Repository> {
    let raw: Buffer;
    try {
      raw = await storage.get("config");
    } catch (err) {
      if (err instanceof StorageNotFoundError) throw new RepositoryNotFoundError(storage.location);
      throw err;
    }
    const config = parseConfig(raw);
    const keys = await unwrapKeys(config, passphrase, storage.location);
    return new Repository(storage, config, await importAesKey(keys.dataKey), await importHmacKey(keys.idKey));
  }

  lock(kind: LockKind, command: string): Promise<HeldLock> {
    return acquireLock(this.storage, kind, command);
  }

  /** HMAC-SHA-256 under the repository's id key: equal content gives equal ids without revealing the content. */
  async chunkId(plain: Uint8Array): Promise<string> {
    return hmacHex(this.idKey, plain);
  }

  async listChunkIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    for await (const key of this.storage.list("data")) ids.add(key.slice(key.lastIndexOf("/") + 1));
    return ids;
  }

  /** Seals and stores a chunk; with `base`, as a row delta against those chunks' plaintext when few rows differ. */
  async writeChunk(id: string, plain: Buffer, base?: { ids: string[]; plain: Buffer; depth: number }): Promise<StoredChunk> {
    let obj: Buffer | null = null;
    if (base && base.depth + 1 <= MAX_DELTA_DEPTH) {
      // More than 1/8 of the rows changed: a self-contained chunk costs little more and keeps restores simple.
      const delta = encodeRowDelta(base.plain, plain, plain.length / 8);
      if (delta) obj = await sealChunk(this.dataKey, id, delta, { bases: base.ids, depth: base.depth + 1 });
    }
    const delta = obj !== null;
    obj ??= await sealChunk(this.dataKey, id, plain);
    await this.storage.put(chunkKey(id), obj);
    return { storedBytes: obj.length, delta };
  }

  /** The chunk's plaintext and delta depth; checks authentication and, with verifyId, that it hashes to its id. */
  async readChunkWithDepth(id: string, ctx?: ChunkContext, verifyId = true): Promise<{ plain: Buffer; depth: number }> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const { header, payload } = await this.openStored(id, ctx);
    let plain = payload;
    if (header.kind === KIND_DELTA) {
      const bases = await Promise.all(header.bases.map((b) => this.readChunkWithDepth(b, ctx, verifyId)));
      try {
        plain = applyRowDelta(bases.length === 1 ? bases[0].plain : Buffer.concat(bases.map((b) => b.plain)), plain);
      } catch (err) {
        throw new CorruptChunkError(id, ctx, `unreadable delta (${(err as Error).message})`);
      }
    }
    if (verifyId && (await this.chunkId(plain)) !== id) throw new CorruptChunkError(id, ctx, "content does not match its id");
    const entry = { plain, depth: header.depth };
    this.remember(id, entry);
    return entry;
  }

  /**
   * A chunk as stored, nothing applied: a plain chunk's plaintext, or a delta chunk's row-delta bytes and base ids.
   * Diffs use it to find a changed chunk's rows from its delta without rebuilding the chunk (lib/diff/delta-hunk.ts).
   */
  async readChunkStored(id: string, ctx?: ChunkContext): Promise<{ bases: null; plain: Buffer } | { bases: string[]; delta: Buffer }> {
    const { header, payload } = await this.openStored(id, ctx);
    return header.kind === KIND_DELTA ? { bases: header.bases, delta: payload } : { bases: null, plain: payload };
  }

  /** Reads, authenticates and decompresses one stored chunk object: the plaintext, or a delta's row-delta bytes. */
  private async openStored(id: string, ctx?: ChunkContext) {
    let obj: Buffer;
    try {
      obj = await this.storage.get(chunkKey(id));
    } catch (err) {
      if (err instanceof StorageNotFoundError) throw new MissingChunkError(id, ctx);
      throw err;
    }
    const header = parseHeader(obj);
    if (!header) throw new CorruptChunkError(id, ctx, "unreadable header (truncated or altered)");
    const frame = await openChunk(this.dataKey, id, obj, header);
    if (!frame) throw new CorruptChunkError(id, ctx);
    try {
      // A delta is usually a few KB: a small first output buffer instead of the 1 MiB one a plain chunk needs.
      return { header, payload: await decompress(frame, header.kind === KIND_DELTA ? 64 << 10 : undefined) };
    } catch {
      throw new CorruptChunkError(id, ctx, "does not decompress");
    }
  }

  async readChunk(id: string, ctx?: ChunkContext): Promise<Buffer> {
    return (await this.readChunkWithDepth(id, ctx)).plain;
  }

  private remember(id: string, entry: { plain: Buffer; depth: number }): void {
    const limit = 16 << 20;
    if (entry.plain.length > limit / 2) return;
    this.cache.set(id, entry);
    this.cacheBytes += entry.plain.length;
    for (const [key, value] of this.cache) {
      if (this.cacheBytes <= limit) break;
      this.cache.delete(key);
      this.cacheBytes -= value.plain.length;
    }
  }

  newSnapshotId(): string {
    return randomBytes(8).toString("hex");
  }

  /** Written last by a backup: a snapshot exists only once everything it references is stored. */
  async writeManifest(m: Manifest): Promise<void> {
    await this.storage.put(snapshotKey(m.id), await sealManifest(this.dataKey, m), { ifAbsent: true });
  }

  async readManifest(id: string): Promise<Manifest> {
    let obj: Buffer;
    try {
      obj = await this.storage.get(snapshotKey(id));
    } catch (err) {
      if (err instanceof StorageNotFoundError) throw new SnapshotNotFoundError(id);
      throw err;
    }
    return openManifest(this.dataKey, id, obj);
  }

  async snapshotIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const key of this.storage.list("snapshots")) ids.push(key.slice("snapshots/".length));
    return ids;
  }

  /** Every manifest, oldest first. */
  async listSnapshots(): Promise<Manifest[]> {
    const all = await Promise.all((await this.snapshotIds()).map((id) => this.readManifest(id)));
    return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** Accepts a unique prefix of a snapshot id, or "latest". */
  async resolveSnapshot(ref: string): Promise<string> {
    const ids = await this.snapshotIds();
    if (ref === "latest") {
      const all = await this.listSnapshots();
      if (!all.length) throw new SnapshotNotFoundError(ref);
      return all[all.length - 1].id;
    }
    if (ids.includes(ref)) return ref;
    const matches = ids.filter((id) => id.startsWith(ref));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw new AmbiguousSnapshotError(ref, matches);
    throw new SnapshotNotFoundError(ref);
  }

  async deleteSnapshot(id: string): Promise<void> {
    await this.storage.delete(snapshotKey(id));
  }
}
