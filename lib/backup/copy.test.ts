// Copy destinations: created with the source's keys under their own passphrase; one with other keys is refused.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { DEFAULT_CHUNKER } from "../repository/chunker";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { WrongPassphraseError } from "../repository/errors";
import { backup } from "./backup";
import { CopyKeysMismatchError, copySnapshot, openCopyDestination } from "./copy";
import { fakeConnector, fakeTable, type FakeServer } from "./fake-connector";
import { verify } from "./verify";

const dirs: string[] = [];
const tmp = async () => {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), "tm-copy-"));
  dirs.push(d);
  return new LocalStorage(d);
};
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

it("creates the destination with the same keys and chunker under its own passphrase", async () => {
  const from = await Repository.init(await tmp(), "source pass");
  const dest = await tmp();
  const to = await openCopyDestination(from, "source pass", dest, "dest pass");
  expect(to.id).not.toBe(from.id);
  expect(to.chunker).toEqual(from.chunker);
  const probe = Buffer.from("1\tsame content\n");
  expect(await to.chunkId(probe)).toBe(await from.chunkId(probe));
  await expect(Repository.open(dest, "source pass")).rejects.toBeInstanceOf(WrongPassphraseError);
  // Opening it again (the next copy) finds it and accepts it.
  expect((await openCopyDestination(from, "source pass", dest, "dest pass")).id).toBe(to.id);
});

it("refuses a destination that holds a repository with other keys, and copying an unknown snapshot fails", async () => {
  const from = await Repository.init(await tmp(), "source pass");
  const other = await tmp();
  await Repository.init(other, "dest pass");
  await expect(openCopyDestination(from, "source pass", other, "dest pass")).rejects.toBeInstanceOf(CopyKeysMismatchError);
  const to = await openCopyDestination(from, "source pass", await tmp(), "dest pass");
  await expect(copySnapshot({ from, to, snapshotId: "0000000000000000" })).rejects.toThrow(/0000000000000000/);
});

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 2048, avgSize: 8192, maxSize: 32768 };
const rows = (n: number) => Array.from({ length: n }, (_, i) => `${i}\tcustomer ${i} ${"x".repeat((i * 37) % 60)}`);

async function twoSnapshots() {
  const from = await Repository.init(await tmp(), "source pass", CHUNKER);
  const server: FakeServer = new Map([["db", new Map([["public.orders", fakeTable("orders", rows(6000))]])]]);
  const run = (type: "full" | "incremental") => backup({ connector: fakeConnector(server, "db"), repo: from, type, source: { identity: "fake://db", database: "db" } });
  const full = await run("full");
  const t = server.get("db")!.get("public.orders")!;
  for (const i of [10, 2000, 4000]) t.rows[i] = `${i}\tedited`;
  const incr = await run("incremental");
  return { from, full: full.manifest, incr: incr.manifest };
}

it("copies an incremental snapshot alone with the delta bases it needs, and it verifies in the destination", async () => {
  const { from, incr } = await twoSnapshots();
  expect(incr.stats.deltaChunks).toBeGreaterThan(0);
  const to = await openCopyDestination(from, "source pass", await tmp(), "dest pass");
  const result = await copySnapshot({ from, to, snapshotId: incr.id, concurrency: 3 });
  const listed = new Set(incr.tables.flatMap((t) => t.chunks.map((c) => c.id)));
  // More objects than the manifest lists: the bases of its delta chunks came along.
  expect(result.chunksSent).toBeGreaterThan(listed.size);
  expect(await to.snapshotIds()).toEqual([incr.id]);
  expect((await verify(to, incr.id)).ok).toBe(true);
  // Again: nothing to send.
  expect(await copySnapshot({ from, to, snapshotId: incr.id })).toMatchObject({ alreadyThere: true, chunksSent: 0 });
});

it("a cancelled copy leaves no snapshot in the destination", async () => {
  const { from, full } = await twoSnapshots();
  const to = await openCopyDestination(from, "source pass", await tmp(), "dest pass");
  const controller = new AbortController();
  const err = await copySnapshot({ from, to, snapshotId: full.id, signal: controller.signal, concurrency: 1, onProgress: () => controller.abort() }).catch((e) => e);
  expect(err).toBe(controller.signal.reason);
  expect(await to.snapshotIds()).toEqual([]);
  // Both repositories' locks were released: a later copy goes through.
  expect((await copySnapshot({ from, to, snapshotId: full.id })).alreadyThere).toBe(false);
});
