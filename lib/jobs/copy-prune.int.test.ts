// Retention reaches copy destinations: a source's policy copies each backup to a second disk; the PRUNE job forgets
// old snapshots in the primary and the same snapshots in the copy destination, whose unreferenced chunks go too.
// A dry run only reports; what stays verifies in both places.
import fs from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, pgRows, type TempPgDatabase } from "../../test/support/databases";
import { waitForJob } from "../../test/support/jobs";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { verify } from "../backup/verify";
import { db } from "../db/client";
import { createPolicy } from "../db/policies";
import { createSourceIfMissing } from "../db/sources";
import { createLocalStorageIfMissing } from "../db/storage";
import { storageFor } from "../repository/open";
import { Repository } from "../repository/repository";
import { startJob, stopProducer } from "./enqueue";
import { startWorker, type WorkerHandle } from "./worker";

const meta = withMetadataDatabase();
let worker: WorkerHandle;
let src: TempPgDatabase;
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), `tm-copy-prune-${name}-`));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  worker = await startWorker({ databaseUrl: meta.current().url, workerId: "copy-prune-test", concurrency: 2 });
  src = await createPgDatabase("tm_copyprune");
  await pgRows(src.url, `CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL, payload text);
    INSERT INTO items SELECT g, 'item ' || g, repeat(md5(g::text), 4) FROM generate_series(1, 20000) g;`);
});

afterAll(async () => {
  await worker?.stop({ graceful: false });
  await stopProducer();
  await src?.drop();
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

const chunkCount = async (dir: string) => (await fs.readdir(path.join(dir, "data"), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
const snapshotIds = async (dir: string, passphrase: string) => (await (await Repository.open(storageFor(dir), passphrase)).listSnapshots()).map((m) => m.id);

it("forgets in the copy destination the snapshots retention forgot in the primary, and prunes its chunks", async () => {
  const primaryDir = tempDir("primary");
  const copyDir = tempDir("copy");
  const primary = await createLocalStorageIfMissing("primary", primaryDir, "primary passphrase");
  const copyTarget = await createLocalStorageIfMissing("second-disk", copyDir, "copy passphrase");
  const { source } = await createSourceIfMissing({ name: "pruned", engine: "POSTGRES", url: src.url, displayTarget: src.name, storageTargetId: primary.id });
  const policy = await createPolicy({ sourceId: source.id, name: "nightly", cron: "0 3 * * *", copyToStorageTargetId: copyTarget.id });

  const snapshots: string[] = [];
  for (const [i, type] of (["full", "incremental", "incremental"] as const).entries()) {
    if (i) await pgRows(src.url, `UPDATE items SET payload = md5(random()::text) WHERE id % 7 = ${i}`);
    const job = await waitForJob((await startJob({ kind: "BACKUP", sourceId: source.id, params: { type, policyId: policy.id } })).id);
    expect(job.error).toBeNull();
    const backupSetId = (job.result as { backupSetId: string }).backupSetId;
    const copy = await db().job.findFirstOrThrow({ where: { kind: "COPY", params: { path: ["backupSetId"], equals: backupSetId } } });
    expect((await waitForJob(copy.id)).error).toBeNull();
    snapshots.push((await db().backupSet.findUniqueOrThrow({ where: { id: backupSetId } })).snapshotId);
  }
  expect(await snapshotIds(copyDir, "copy passphrase")).toEqual(snapshots);
  const copyChunksBefore = await chunkCount(copyDir);

  // A dry run says what would go in the copy destination and changes nothing.
  const dry = await waitForJob((await startJob({ kind: "PRUNE", sourceId: source.id, params: { keep: { last: 1 }, dryRun: true } })).id);
  expect(dry.error).toBeNull();
  const dryCopies = (dry.result as { copies: { name: string; forgotten: string[]; chunksRemoved: number; error: string | null }[] }).copies;
  expect(dryCopies.map((c) => [c.name, [...c.forgotten].sort(), c.error])).toEqual([["second-disk", snapshots.slice(0, 2).sort(), null]]);
  expect(dryCopies[0].chunksRemoved).toBeGreaterThan(0);
  expect(await snapshotIds(copyDir, "copy passphrase")).toEqual(snapshots);
  expect(await chunkCount(copyDir)).toBe(copyChunksBefore);

  const run = await waitForJob((await startJob({ kind: "PRUNE", sourceId: source.id, params: { keep: { last: 1 } } })).id);
  expect(run.error).toBeNull();
  const copies = (run.result as { copies: { name: string; forgotten: string[]; chunksRemoved: number }[] }).copies;
  expect(copies[0].chunksRemoved).toBe(dryCopies[0].chunksRemoved);
  expect(await snapshotIds(primaryDir, "primary passphrase")).toEqual([snapshots[2]]);
  expect(await snapshotIds(copyDir, "copy passphrase")).toEqual([snapshots[2]]);
  expect(await chunkCount(copyDir)).toBe(copyChunksBefore - copies[0].chunksRemoved);
  expect(await db().backupCopy.count()).toBe(1);
  const logs = await db().jobEvent.findMany({ where: { jobId: run.id }, select: { message: true } });
  expect(logs.map((l) => l.message)).toContainEqual(expect.stringMatching(/^Copy destination second-disk \(.+\): forgot the same 2 snapshots; \d+ chunks removed$/));
  // What stays in the copy destination is whole.
  expect((await verify(await Repository.open(storageFor(copyDir), "copy passphrase"), "all")).ok).toBe(true);

  // A manifest lost from the primary (files rolled back, deleted by hand): the backup's copy is its last one, so the
  // next prune keeps both its catalog row and the copy, and says so; a lost one without a copy leaves the catalog.
  const lost = snapshots[2];
  await fs.rm(path.join(primaryDir, "snapshots", lost));
  const noCopy = await db().backupSet.create({ data: { sourceId: source.id, storageTargetId: primary.id, snapshotId: "ffffffffffffffff", type: "INCREMENTAL", status: "COMPLETED", consistentAt: new Date() } });
  const after = await waitForJob((await startJob({ kind: "PRUNE", sourceId: source.id, params: { keep: { last: 1 } } })).id);
  expect(after.error).toBeNull();
  expect(await snapshotIds(copyDir, "copy passphrase")).toEqual([lost]);
  expect(await db().backupSet.count({ where: { snapshotId: lost } })).toBe(1);
  expect(await db().backupSet.count({ where: { id: noCopy.id } })).toBe(0);
  const afterLog = (await db().jobEvent.findMany({ where: { jobId: after.id }, select: { message: true } })).map((l) => l.message);
  expect(afterLog).toContainEqual(expect.stringMatching(/^1 backup is missing from primary but kept in the catalog \(copied elsewhere or pinned\)/));
  expect(afterLog).toContainEqual(expect.stringMatching(/^Removed 1 backup from the catalog: its snapshot is no longer in primary and no copy holds it$/));
});

