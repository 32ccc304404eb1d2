// Pruning a storage target no source uses: unreferenced chunks go, every snapshot and the chunks it needs stay.
import fs from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { withMetadataDatabase } from "../../../test/support/metadata-db";
import { createLocalStorageIfMissing } from "../../db/storage";
import type { Manifest } from "../../repository/manifest";
import { Repository } from "../../repository/repository";
import { LocalStorage } from "../../repository/storage/local";
import { pruneStorageTarget } from "./prune-storage";

withMetadataDatabase();
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tm-prune-storage-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

const ctx = () => {
  const lines: string[] = [];
  return { lines, signal: new AbortController().signal, log: async (_level: string, message: string) => void lines.push(message) };
};

it("removes the chunks no snapshot references and forgets no snapshot, on a target without sources", async () => {
  const dir = tempDir();
  const repo = await Repository.init(new LocalStorage(dir), "orphan passphrase");
  const kept = Buffer.from("rows a snapshot needs\n".repeat(200));
  const orphan = Buffer.from("rows of a cancelled backup\n".repeat(200));
  const keptId = await repo.chunkId(kept);
  const orphanId = await repo.chunkId(orphan);
  await repo.writeChunk(keptId, kept);
  await repo.writeChunk(orphanId, orphan);
  const manifest = { format: "tidemark-snapshot", version: 1, id: "aaaa1111", createdAt: "2026-11-01T00:00:00Z", consistentAt: "2026-11-01T00:00:00Z", type: "full", parent: null, source: { identity: "postgres://gone:5432/shop" }, tables: [{ chunks: [{ id: keptId }] }], schema: { objects: [] } } as unknown as Manifest;
  await repo.writeManifest(manifest);
  const target = await createLocalStorageIfMissing("orphaned copies", dir, "orphan passphrase");

  const c = ctx();
  const result = await pruneStorageTarget(target.id, c);
  expect(result).toMatchObject({ snapshots: 1, chunksRemoved: 1, chunksKept: 1, missing: [] });
  expect(c.lines[0]).toMatch(/^Kept 1 snapshots, forgot 0 \(whole-target prune of orphaned copies\); 1 unreferenced chunks removed/);
  const reopened = await Repository.open(new LocalStorage(dir), "orphan passphrase");
  expect(await reopened.snapshotIds()).toEqual(["aaaa1111"]);
  expect((await reopened.readChunk(keptId)).equals(kept)).toBe(true);
  expect(await reopened.listChunkIds()).toEqual(new Set([keptId]));
});

it("says there is nothing to prune where no repository exists yet", async () => {
  const target = await createLocalStorageIfMissing("never used", tempDir(), "unused passphrase");
  await expect(pruneStorageTarget(target.id, ctx())).rejects.toThrow(/Storage target "never used" holds no Tidemark repository at .* yet: no backup has been written to it/);
});
