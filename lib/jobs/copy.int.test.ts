// Copy to a second destination, end to end with a real worker: a policy's backup is copied from a local repository to
// an S3 bucket (s3rver), only missing chunks travel, the copy verifies, the timeline knows both places, and with the
// primary repository deleted a restore reads from the copy.
import fs from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgRows, pgUrlFor, uniqueName, type TempPgDatabase } from "../../test/support/databases";
import { waitForJob } from "../../test/support/jobs";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { startS3, type TestS3 } from "../../test/support/s3";
import { db } from "../db/client";
import { copiesOfBackupSets } from "../db/copies";
import { createPolicy } from "../db/policies";
import { createSourceIfMissing } from "../db/sources";
import { createLocalStorageIfMissing, createStorageTarget } from "../db/storage";
import { startJob, stopProducer } from "./enqueue";
import { startWorker, type WorkerHandle } from "./worker";

const meta = withMetadataDatabase();
let s3: TestS3;
let worker: WorkerHandle;
let src: TempPgDatabase;
let primaryDir: string;
const restored = uniqueName("tm_from_copy");

beforeAll(async () => {
  s3 = await startS3({ buckets: ["offsite"] });
  worker = await startWorker({ databaseUrl: meta.current().url, workerId: "copy-test", concurrency: 2 });
  src = await createPgDatabase("tm_copysrc");
  await pgRows(src.url, `CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL, payload text);
    INSERT INTO items SELECT g, 'item ' || g, repeat(md5(g::text), 6) FROM generate_series(1, 60000) g;`);
});

afterAll(async () => {
  await worker?.stop({ graceful: false });
  await stopProducer();
  await s3?.stop();
  await dropPgDatabase(restored);
  await src?.drop();
  if (primaryDir) await fs.rm(primaryDir, { recursive: true, force: true });
});

const digest = async (url: string) => (await pgRows<{ h: string }>(url, "SELECT md5(string_agg(i::text, '|' ORDER BY id)) h FROM items i"))[0].h;

it("copies each policy backup to S3 sending only missing chunks, verifies it, and restores from it when the primary is gone", async () => {
  primaryDir = mkdtempSync(path.join(tmpdir(), "tm-copy-primary-"));
  const primary = await createLocalStorageIfMissing("primary", primaryDir, "primary passphrase");
  const offsite = await createStorageTarget({ name: "offsite", kind: "S3", location: "s3://offsite/tidemark", config: s3.config("offsite", "tidemark"), passphrase: "a different offsite passphrase" });
  const { source } = await createSourceIfMissing({ name: "copied", engine: "POSTGRES", url: src.url, displayTarget: src.name, storageTargetId: primary.id });
  const policy = await createPolicy({ sourceId: source.id, name: "nightly", cron: "0 3 * * *", copyToStorageTargetId: offsite.id });

  // A policy's backup queues its copy.
  const first = await waitForJob((await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "full", policyId: policy.id } })).id);
  expect(first.error).toBeNull();
  const firstSet = (first.result as { backupSetId: string }).backupSetId;
  const copy1 = await db().job.findFirstOrThrow({ where: { kind: "COPY", params: { path: ["backupSetId"], equals: firstSet } } });
  const done1 = await waitForJob(copy1.id);
  expect(done1.error).toBeNull();
  const r1 = done1.result as { chunks: number; chunksSent: number; verified: boolean };
  expect(r1.verified).toBe(true);
  expect(r1.chunksSent).toBe(r1.chunks);

  // A small change: the second copy sends only the chunks the bucket lacks.
  await pgRows(src.url, "UPDATE items SET label = 'changed' WHERE id = 30000");
  const second = await waitForJob((await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "incremental", policyId: policy.id } })).id);
  const secondSet = (second.result as { backupSetId: string }).backupSetId;
  const copy2 = await db().job.findFirstOrThrow({ where: { kind: "COPY", params: { path: ["backupSetId"], equals: secondSet } } });
  const r2 = (await waitForJob(copy2.id)).result as { chunks: number; chunksSent: number; bytesSent: number };
  expect(r2.chunksSent).toBeGreaterThan(0);
  expect(r2.chunksSent).toBeLessThan(r2.chunks / 4);

  // Where each backup lives.
  const places = await copiesOfBackupSets([firstSet, secondSet]);
  for (const id of [firstSet, secondSet]) {
    expect(places[id].map((p) => [p.name, p.role, p.status, p.verification])).toEqual([
      ["primary", "primary", "COMPLETED", "UNVERIFIED"],
      ["offsite", "copy", "COMPLETED", "VERIFIED"],
    ]);
  }
  const row = await db().backupCopy.findFirstOrThrow({ where: { backupSetId: secondSet } });
  expect(Number(row.bytesSent)).toBe(r2.bytesSent);

  // The primary repository is lost: restoring from it fails, restoring from the copy gives the rows back.
  await fs.rm(primaryDir, { recursive: true, force: true });
  const fromCopy = await waitForJob((await startJob({ kind: "RESTORE", sourceId: source.id, params: { backupSetId: secondSet, mode: "new", database: restored, fromStorageTargetId: offsite.id } })).id);
  expect(fromCopy.error).toBeNull();
  expect(fromCopy.result).toMatchObject({ verified: true });
  expect(await digest(pgUrlFor(restored))).toBe(await digest(src.url));

  // Asking for a copy that does not exist says so.
  const other = await createLocalStorageIfMissing("elsewhere", mkdtempSync(path.join(tmpdir(), "tm-copy-none-")), "x");
  const refused = await waitForJob((await startJob({ kind: "RESTORE", sourceId: source.id, params: { backupSetId: firstSet, mode: "new", database: uniqueName("tm_never"), fromStorageTargetId: other.id } })).id);
  expect(refused.error).toMatch(/holds no completed copy of this backup/);
});
