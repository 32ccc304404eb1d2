// Prune never removes a chunk a kept snapshot needs: after forgetting and pruning, every kept snapshot restores.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { DEFAULT_CHUNKER } from "../repository/chunker";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { backup } from "./backup";
import { fakeConnector, fakeTable, type FakeServer } from "./fake-connector";
import { forget } from "./forget";
import { prune } from "./prune";
import { restore } from "./restore";

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 2048, avgSize: 8192, maxSize: 32768 };
const SOURCE = { identity: "fake://db", database: "db" };
let dir: string;
let server: FakeServer;
let repo: Repository;

const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${i}\t${tag} row ${i} ${"y".repeat((i * 13) % 50)}`);
const table = () => server.get("db")!.get("public.orders")!;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-prune-"));
  repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
  server = new Map([["db", new Map([["public.orders", fakeTable("orders", rows(5000, "v0"))]])]]);
});
afterEach(() => fs.rm(dir, { recursive: true, force: true }));

it("forgets by policy, sweeps only unreferenced chunks (never a kept delta's base), and the kept snapshot still restores exactly", async () => {
  const states = new Map<string, string[]>();
  let deltas = 0;
  const take = async (type: "full" | "incremental" | "differential") => {
    const { manifest } = await backup({ connector: fakeConnector(server, "db"), repo, type, source: SOURCE });
    states.set(manifest.id, [...table().rows]);
    deltas += manifest.stats.deltaChunks;
    return manifest.id;
  };
  await take("full");
  for (let i = 1; i <= 5; i++) {
    // A few scattered small edits per step: incrementals store them as deltas whose bases live in older snapshots.
    for (let r = i * 7; r < 5000; r += 400) table().rows[r] = `${table().rows[r]} v${i}`;
    await take(i === 2 ? "full" : i === 3 ? "differential" : "incremental");
  }
  expect(deltas).toBeGreaterThan(0);
  const chunksBefore = (await repo.listChunkIds()).size;

  const dry = await forget(repo, { policy: { last: 1 }, dryRun: true, prune: true });
  expect(dry.forgotten).toHaveLength(5);
  expect(dry.prune!.removed.length).toBeGreaterThan(0);
  expect((await repo.listChunkIds()).size).toBe(chunksBefore);
  expect((await repo.listSnapshots()).length).toBe(6);

  const real = await forget(repo, { policy: { last: 1 }, prune: true });
  expect(real.prune!.removed).toEqual(dry.prune!.removed);
  expect(real.prune!.missing).toEqual([]);
  expect((await repo.listChunkIds()).size).toBe(chunksBefore - real.prune!.removed.length);

  // A fresh handle, as a later process would have: nothing comes from this one's chunk cache.
  const reopened = await Repository.open(new LocalStorage(dir), "pw");
  for (const { id } of real.kept) {
    const into = `restored_${id}`;
    const result = await restore({ repo: reopened, snapshotId: id, connector: fakeConnector(server, "db"), target: { mode: "new", database: into } });
    expect(result.verified).toBe(true);
    expect(server.get(into)!.get("public.orders")!.rows).toEqual(states.get(id));
  }
  // A second prune finds nothing more to remove.
  expect((await prune(repo)).removed).toEqual([]);
});

it("keeps pinned snapshots", async () => {
  const first = (await backup({ connector: fakeConnector(server, "db"), repo, type: "full", source: SOURCE })).manifest.id;
  table().rows[10] = "10\tlater";
  await backup({ connector: fakeConnector(server, "db"), repo, type: "incremental", source: SOURCE });
  const result = await forget(repo, { policy: { last: 1 }, pinned: new Set([first]), prune: true });
  expect(result.forgotten).toEqual([]);
  expect(result.kept.find((k) => k.id === first)?.reasons).toEqual(["pinned"]);
});

it("forget decides and deletes under the exclusive lock: with another job holding the repository, nothing is forgotten", async () => {
  for (let i = 0; i < 3; i++) await backup({ connector: fakeConnector(server, "db"), repo, type: i ? "incremental" : "full", source: SOURCE });
  const reading = await repo.lock("shared", "restore");
  const forgotten: string[] = [];
  try {
    await expect(forget(repo, { policy: { last: 1 }, prune: true, onForgotten: async (f) => void forgotten.push(...f.map((x) => x.id)) })).rejects.toThrow(/Repository is locked \(shared, restore\)/);
    expect(await repo.listSnapshots()).toHaveLength(3);
    expect(forgotten).toEqual([]);
  } finally {
    await reading.release();
  }
  const r = await forget(repo, { policy: { last: 1 }, prune: true, onForgotten: async (f) => void forgotten.push(...f.map((x) => x.id)) });
  expect(forgotten).toEqual(r.forgotten.map((f) => f.id));
  expect(forgotten).toHaveLength(2);
  expect(await repo.listSnapshots()).toHaveLength(1);
});

it("snapshots outside the rules (pre-restore backups) never take a retention slot, and are kept only as long as told", async () => {
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await backup({ connector: fakeConnector(server, "db"), repo, type: i ? "incremental" : "full", source: SOURCE })).manifest.id);
  const [, complete, undo] = ids; // the newest plays the pre-restore backup
  const dry = await forget(repo, { policy: { last: 1 }, outsideRules: new Set([undo]), keepOutside: { ids: new Set([undo]), reason: "undo" }, dryRun: true });
  expect(dry.kept.map((k) => [k.id, k.reasons])).toEqual([[complete, ["last snapshot"]], [undo, ["undo"]]]);
  expect(dry.forgotten.map((f) => f.id)).toEqual([ids[0]]);
  // Once its time is up it goes, and the complete backup still holds the "last" slot.
  const later = await forget(repo, { policy: { last: 1 }, outsideRules: new Set([undo]), dryRun: true });
  expect(later.kept.map((k) => k.id)).toEqual([complete]);
  expect(later.forgotten.map((f) => f.id).sort()).toEqual([ids[0], undo].sort());
});
