// Reading a restore from a copy, as the wizard's actions ask it: the server accepts where the backup was written and a
// completed copy, refuses a target without one (or with a failed copy), and the preview job reads the copy too, so
// with the primary repository gone a restore preview from the copy still works while one from the primary fails;
// drills (on demand and a policy's scheduled one) read the copy the same way.
import fs from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgRows, pgUrlFor, uniqueName, type TempPgDatabase } from "../../test/support/databases";
import { waitForJob } from "../../test/support/jobs";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { db } from "../db/client";
import { failCopy, startCopy } from "../db/copies";
import { createPolicy, updatePolicy } from "../db/policies";
import { createSourceIfMissing } from "../db/sources";
import { createLocalStorageIfMissing } from "../db/storage";
import { Invalid } from "../errors";
import { startJob, stopProducer } from "../jobs/enqueue";
import { handleScheduled } from "../jobs/schedules";
import { startWorker, type WorkerHandle } from "../jobs/worker";
import { checkedReadPlace, readFromDetail, readFromParam } from "./restore.read-from";

const meta = withMetadataDatabase();
let worker: WorkerHandle;
let src: TempPgDatabase;
const dirs: string[] = [];
const restored = uniqueName("tm_read_copy");
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  worker = await startWorker({ databaseUrl: meta.current().url, workerId: "read-from-test", concurrency: 2 });
  src = await createPgDatabase("tm_readfrom");
  await pgRows(src.url, `CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL);
    INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 2000) g;`);
});

afterAll(async () => {
  await worker?.stop({ graceful: false });
  await stopProducer();
  await dropPgDatabase(restored);
  await src?.drop();
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

it("accepts where the backup was written and a completed copy, refuses any other target, and previews from the copy with the primary gone", async () => {
  const primaryDir = tempDir("tm-read-primary-");
  const primary = await createLocalStorageIfMissing("primary", primaryDir, "primary passphrase");
  const offsite = await createLocalStorageIfMissing("offsite", tempDir("tm-read-offsite-"), "offsite passphrase");
  const elsewhere = await createLocalStorageIfMissing("elsewhere", tempDir("tm-read-elsewhere-"), "elsewhere passphrase");
  const broken = await createLocalStorageIfMissing("broken", tempDir("tm-read-broken-"), "broken passphrase");
  const { source } = await createSourceIfMissing({ name: "read-from", engine: "POSTGRES", url: src.url, displayTarget: src.name, storageTargetId: primary.id });
  const policy = await createPolicy({ sourceId: source.id, name: "nightly", cron: "0 3 * * *", copyToStorageTargetId: offsite.id });

  // A policy's backup, copied to offsite the way the worker does it after every policy backup.
  const backup = await waitForJob((await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "full", policyId: policy.id } })).id);
  expect(backup.error).toBeNull();
  const setId = (backup.result as { backupSetId: string }).backupSetId;
  const copyJob = await db().job.findFirstOrThrow({ where: { kind: "COPY", params: { path: ["backupSetId"], equals: setId } } });
  expect((await waitForJob(copyJob.id)).error).toBeNull();
  // A copy that failed in another target never serves a restore.
  await failCopy((await startCopy({ backupSetId: setId, storageTargetId: broken.id, jobId: null })).id, "disk full");

  // What the restore and preview actions check before queuing anything.
  const written = await checkedReadPlace(setId, undefined);
  expect(written).toEqual({ storageTargetId: primary.id, name: "primary", kind: "LOCAL", copy: false });
  expect(readFromParam(written)).toEqual({});
  expect(await checkedReadPlace(setId, primary.id)).toEqual(written);
  const copy = await checkedReadPlace(setId, offsite.id);
  expect(copy).toEqual({ storageTargetId: offsite.id, name: "offsite", kind: "LOCAL", copy: true });
  expect(readFromParam(copy)).toEqual({ fromStorageTargetId: offsite.id });
  expect(readFromDetail(copy)).toBe("offsite (LOCAL), a copy");
  for (const refused of [elsewhere.id, broken.id, "no-such-target"]) {
    const error = await checkedReadPlace(setId, refused).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).message).toMatch(/holds no completed copy of this backup/);
  }

  // The primary repository is lost; the rows have changed since the backup.
  await fs.rm(primaryDir, { recursive: true, force: true });
  await pgRows(src.url, "UPDATE items SET label = 'changed' WHERE id <= 4; DELETE FROM items WHERE id > 1990");
  const preview = (extra: Record<string, unknown>) =>
    startJob({ kind: "DIFF", sourceId: source.id, params: { mode: "restore-preview", backupSetId: setId, target: { mode: "replace" }, ...extra } }).then((j) => waitForJob(j.id));

  const fromCopy = await preview(readFromParam(copy));
  expect(fromCopy.error).toBeNull();
  const tables = (fromCopy.result as { preview: { tables: { table: string; rowsInserted: number; rowsUpdated: number; rowsDeleted: number }[] } }).preview.tables;
  expect(tables).toEqual([expect.objectContaining({ table: "public.items", rowsInserted: 10, rowsUpdated: 4, rowsDeleted: 0 })]);
  expect((await db().jobEvent.findMany({ where: { jobId: fromCopy.id } })).map((e) => e.message)).toContainEqual(expect.stringMatching(/^Reading the backup from its copy in offsite/));

  // The wizard's "changes since this backup" beside a new-database preview reads the same copy.
  const since = await waitForJob((await startJob({ kind: "DIFF", sourceId: source.id, params: { mode: "compare", sourceId: source.id, fromBackupSetId: setId, to: { live: true }, ...readFromParam(copy) } })).id);
  expect(since.error).toBeNull();
  expect((since.result as { tables: { table: string; rowsRemoved: number; rowsChanged: number }[] }).tables).toEqual([expect.objectContaining({ table: "public.items", rowsRemoved: 10, rowsChanged: 4 })]);

  const fromPrimary = await preview({});
  expect(fromPrimary.status).toBe("FAILED");
  // A job queued with a target that holds no completed copy (however it got queued) is refused by the worker too.
  expect((await preview({ fromStorageTargetId: broken.id })).error).toMatch(/holds no completed copy of this backup/);

  // And the restore reads the same copy: a new database with the rows as they were at the backup.
  const restore = await waitForJob((await startJob({ kind: "RESTORE", sourceId: source.id, params: { backupSetId: setId, mode: "new", database: restored, ...readFromParam(copy) } })).id);
  expect(restore.error).toBeNull();
  expect(await pgRows(pgUrlFor(restored), "SELECT count(*)::int AS n, count(*) FILTER (WHERE label = 'changed')::int AS changed FROM items")).toEqual([{ n: 2000, changed: 0 }]);

  // A restore drill of the copy proves the offsite copy restores; one of the lost primary says where it looked.
  const drill = await waitForJob((await startJob({ kind: "DRILL", sourceId: source.id, params: { backupSetId: setId, ...readFromParam(copy) } })).id);
  expect(drill.error).toBeNull();
  expect(drill.result).toMatchObject({ verified: true, readFrom: copy.name, rows: 2000 });
  const lost = await waitForJob((await startJob({ kind: "DRILL", sourceId: source.id, params: { backupSetId: setId } })).id);
  expect(lost.status).toBe("FAILED");
  expect(lost.error).toContain("holds no Tidemark repository");

  // The policy's scheduled drill of the copy restores the newest backup with a completed copy there, from the copy.
  await updatePolicy(policy.id, { drillCron: "0 4 * * 0", drillFromCopy: true });
  const scheduled = await waitForJob((await handleScheduled({ policyId: policy.id, what: "drill" }))!);
  expect(scheduled.error).toBeNull();
  // The backup is chosen when the schedule fires and named in the params, so retention keeps it until the drill read it.
  expect(scheduled.params).toEqual({ fromStorageTargetId: offsite.id, backupSetId: setId });
  expect(scheduled.result).toMatchObject({ backupSetId: setId, verified: true, readFrom: "offsite", rows: 2000 });
  // With no completed copy in the target, the drill says so instead of drilling something else.
  const none = await waitForJob((await startJob({ kind: "DRILL", sourceId: source.id, params: { fromStorageTargetId: broken.id } })).id);
  expect(none.status).toBe("FAILED");
  expect(none.error).toMatch(/^No backup of this source has a completed copy in broken yet/);
  // A policy that drills the copy but lost its copy-to target (storage removed) fails its drill rather than drilling the primary.
  await updatePolicy(policy.id, { copyToStorageTargetId: null });
  const orphaned = await waitForJob((await handleScheduled({ policyId: policy.id, what: "drill" }))!);
  expect(orphaned.status).toBe("FAILED");
  expect(orphaned.error).toMatch(/^This policy drills the copy, but it no longer copies its backups anywhere/);
});
