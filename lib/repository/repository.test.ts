// Repository: crypto round trips, deltas, wrong passphrase, format version, missing/corrupt chunks, manifests.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chunkKey } from "./chunk-format";
import { CorruptChunkError, MissingChunkError, RepositoryNotFoundError, UnsupportedFormatError, WrongPassphraseError } from "./errors";
import { Repository } from "./repository";
import { LocalStorage } from "./storage/local";
import type { Manifest } from "./manifest";

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-repo-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const rows = (n: number, tag = "") => Buffer.from(Array.from({ length: n }, (_, i) => `${i}\tname ${i}${tag}\t${i * 3}\n`).join(""));

describe("Repository", () => {
  it("round-trips a chunk through zstd + AES-GCM and ids it by HMAC (same content, same id)", async () => {
    const repo = await Repository.init(new LocalStorage(dir), "pw");
    const plain = rows(1000);
    const id = await repo.chunkId(plain);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await repo.chunkId(Buffer.from(plain))).toBe(id);
    await repo.writeChunk(id, plain);
    const stored = await fs.readFile(path.join(dir, chunkKey(id)));
    expect(stored.includes(Buffer.from("name 5"))).toBe(false); // encrypted at rest
    const reopened = await Repository.open(new LocalStorage(dir), "pw");
    expect((await reopened.readChunk(id)).equals(plain)).toBe(true);
  });

  it("stores a chunk as a small delta against its base and reads it back", async () => {
    const repo = await Repository.init(new LocalStorage(dir), "pw");
    const base = rows(20000);
    const baseId = await repo.chunkId(base);
    await repo.writeChunk(baseId, base);
    const changed = Buffer.from(base.toString().replace("name 777\t", "name seven\t"));
    const id = await repo.chunkId(changed);
    const stored = await repo.writeChunk(id, changed, { ids: [baseId], plain: base, depth: 0 });
    expect(stored.delta).toBe(true);
    expect(stored.storedBytes).toBeLessThan(2000);
    const fresh = await Repository.open(new LocalStorage(dir), "pw");
    expect((await fresh.readChunk(id)).equals(changed)).toBe(true);
  });

  it("tells a wrong passphrase apart", async () => {
    await Repository.init(new LocalStorage(dir), "right");
    await expect(Repository.open(new LocalStorage(dir), "wrong")).rejects.toThrow(WrongPassphraseError);
    await expect(Repository.open(new LocalStorage(dir), "wrong")).rejects.toThrow(/Wrong passphrase/);
  });

  it("refuses a config from a newer format version", async () => {
    await Repository.init(new LocalStorage(dir), "pw");
    const config = JSON.parse(await fs.readFile(path.join(dir, "config"), "utf8"));
    await fs.writeFile(path.join(dir, "config"), JSON.stringify({ ...config, version: 2 }));
    const err = await Repository.open(new LocalStorage(dir), "pw").catch((e) => e);
    expect(err).toBeInstanceOf(UnsupportedFormatError);
    expect(err.message).toMatch(/format version 2/);
  });

  it("reports a missing repository", async () => {
    await expect(Repository.open(new LocalStorage(path.join(dir, "nope")), "pw")).rejects.toThrow(RepositoryNotFoundError);
  });

  it("names missing and corrupted chunks with their snapshot and table", async () => {
    const repo = await Repository.init(new LocalStorage(dir), "pw");
    const plain = rows(100);
    const id = await repo.chunkId(plain);
    await repo.writeChunk(id, plain);
    const file = path.join(dir, chunkKey(id));
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 20] ^= 1;
    await fs.writeFile(file, bytes);
    const fresh = await Repository.open(new LocalStorage(dir), "pw");
    const corrupt = await fresh.readChunk(id, { snapshot: "s1", table: "public.t" }).catch((e) => e);
    expect(corrupt).toBeInstanceOf(CorruptChunkError);
    expect(corrupt.message).toContain(id);
    expect(corrupt.message).toContain("public.t");
    expect(corrupt.message).toContain("s1");
    await fs.rm(file);
    const missing = await fresh.readChunk(id, { snapshot: "s1", table: "public.t" }).catch((e) => e);
    expect(missing).toBeInstanceOf(MissingChunkError);
    expect(missing.message).toContain("public.t");
  });

  it("writes manifests sealed and lists them oldest first; resolves unique prefixes", async () => {
    const repo = await Repository.init(new LocalStorage(dir), "pw");
    const m = (id: string, createdAt: string) =>
      ({ format: "tidemark-snapshot", version: 1, id, createdAt, type: "full", tables: [], schema: { objects: [] } }) as unknown as Manifest;
    await repo.writeManifest(m("bbbb1111", "2026-01-02T00:00:00Z"));
    await repo.writeManifest(m("aaaa2222", "2026-01-03T00:00:00Z"));
    expect((await repo.listSnapshots()).map((s) => s.id)).toEqual(["bbbb1111", "aaaa2222"]);
    expect(await repo.resolveSnapshot("aa")).toBe("aaaa2222");
    expect(await repo.resolveSnapshot("latest")).toBe("aaaa2222");
    expect((await fs.readFile(path.join(dir, "snapshots/aaaa2222"))).includes(Buffer.from("tidemark-snapshot"))).toBe(false);
  });
});
