// A storage target added over an existing repository must be opened with that repository's own passphrase.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Manifest } from "../repository/manifest";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { existingRepository } from "./storage.adopt";

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-adopt-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const manifest = (id: string) => ({ format: "tidemark-snapshot", version: 1, id, createdAt: "2026-11-01T00:00:00Z", type: "full", tables: [], schema: { objects: [] } }) as unknown as Manifest;

describe("existingRepository", () => {
  it("finds nothing in an empty directory (a new repository will be created)", async () => {
    expect(await existingRepository("LOCAL", { path: dir }, dir, "")).toBeNull();
  });

  it("requires the passphrase, refuses a wrong one, and counts the snapshots with the right one", async () => {
    const repo = await Repository.init(new LocalStorage(dir), "the-right-passphrase");
    await repo.writeManifest(manifest("aaaa1111"));
    await repo.writeManifest(manifest("bbbb2222"));
    await expect(existingRepository("LOCAL", { path: dir }, dir, "")).rejects.toThrow(`${dir} already holds a Tidemark repository: enter its passphrase`);
    await expect(existingRepository("LOCAL", { path: dir }, dir, "a-wrong-passphrase")).rejects.toThrow("That passphrase does not open the existing repository");
    expect(await existingRepository("LOCAL", { path: dir }, dir, "the-right-passphrase")).toEqual({ snapshots: 2 });
  });
});
