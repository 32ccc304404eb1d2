// Disaster recovery of the dashboard itself: backups of two sources go to an S3 repository (one also copied to a local
// disk) through metadata database A; A is dropped; a new Tidemark on metadata database B, with another
// TIDEMARK_SECRET, registers the same storage and runs `npm run catalog:rebuild`: sources, backup sets (times, types,
// parents, tables) and copies come back from the repositories alone.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createPgDatabase, pgRows, type TempPgDatabase } from "../../test/support/databases";
import { waitForJob } from "../../test/support/jobs";
import { startS3 } from "../../test/support/s3";
import { db, disconnectDb } from "../db/client";
import { migrate } from "../db/migrate";
import { createPolicy } from "../db/policies";
import { sourceAccess } from "../db/source-secrets";
import { createSourceIfMissing } from "../db/sources";
import { createStorageTarget } from "../db/storage";
import { sourceOf } from "../engine/connect";
import { reloadEnv } from "../env";
import { startJob, stopProducer } from "./enqueue";
import { startWorker } from "./worker";

const ROOT = path.resolve(import.meta.dirname, "../..");
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  await disconnectDb();
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
});

async function useMetadata(database: TempPgDatabase, secret: string) {
  await disconnectDb();
  await migrate(database.url);
  process.env.DATABASE_URL = database.url;
  process.env.TIDEMARK_SECRET = secret;
  reloadEnv();
}

/** What the timeline shows of each source, keyed by the source's identity (ids differ between A and B). */
async function timeline() {
  const sets = await db().backupSet.findMany({
    orderBy: [{ consistentAt: "asc" }, { snapshotId: "asc" }],
    include: { tables: { orderBy: { name: "asc" } }, parent: { select: { snapshotId: true } }, copies: { include: { storageTarget: true } } },
  });
  const out: Record<string, unknown[]> = {};
  for (const s of sets) {
    const identity = sourceOf((await sourceAccess(s.sourceId)).url).identity;
    (out[identity] ??= []).push({
      snapshot: s.snapshotId,
      type: s.type,
      status: s.status,
      consistentAt: s.consistentAt?.toISOString(),
      parent: s.parent?.snapshotId ?? null,
      rows: s.rowCount,
      logical: s.logicalBytes,
      stored: s.storedBytes,
      durationMs: s.durationMs,
      tables: s.tables.map((t) => [t.schemaName, t.name, t.rowCount, t.bytes, t.chunkCount, t.digest, t.changed]),
      copies: s.copies.filter((c) => c.status === "COMPLETED").map((c) => c.storageTarget.name),
    });
  }
  return out;
}

it("rebuilds sources, backup sets and copies from the repositories after the metadata database is lost", async () => {
  const s3 = await startS3({ buckets: ["dr-backups"] });
  cleanup.push(() => s3.stop());
  const copyDir = mkdtempSync(path.join(tmpdir(), "tm-dr-copy-"));
  cleanup.push(() => fs.rm(copyDir, { recursive: true, force: true }));
  const shop = await createPgDatabase("tm_dr_shop");
  const crm = await createPgDatabase("tm_dr_crm");
  cleanup.push(() => shop.drop(), () => crm.drop());
  await pgRows(shop.url, `CREATE TABLE orders (id int PRIMARY KEY, total numeric(10,2)); INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 20000) g;
    CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes SELECT g, 'note ' || g FROM generate_series(1, 500) g;`);
  await pgRows(crm.url, `CREATE TABLE contacts (id int PRIMARY KEY, email text); INSERT INTO contacts SELECT g, g || '@crm.example' FROM generate_series(1, 3000) g;`);
  const s3Config = s3.config("dr-backups", "tidemark");
  const passphrase = "the repository passphrase, kept in the password safe";

  // Tidemark A.
  const metaA = await createPgDatabase("tm_dr_meta_a");
  await useMetadata(metaA, "secret-of-tidemark-A-0123456789-0123456789");
  const worker = await startWorker({ databaseUrl: metaA.url, workerId: "dr-a", concurrency: 2 });
  const target = await createStorageTarget({ name: "s3-main", kind: "S3", location: "s3://dr-backups/tidemark", config: s3Config, passphrase });
  const disk = await createStorageTarget({ name: "offsite-disk", kind: "LOCAL", location: copyDir, config: { path: copyDir }, passphrase: "disk passphrase" });
  const shopSource = (await createSourceIfMissing({ name: "shop", engine: "POSTGRES", url: shop.url, displayTarget: shop.name, storageTargetId: target.id })).source;
  const crmSource = (await createSourceIfMissing({ name: "crm", engine: "POSTGRES", url: crm.url, displayTarget: crm.name, storageTargetId: target.id })).source;
  const crmPolicy = await createPolicy({ sourceId: crmSource.id, name: "with copy", cron: "0 4 * * *", copyToStorageTargetId: disk.id });
  const backup = async (sourceId: string, params: Record<string, unknown>) => {
    const job = await waitForJob((await startJob({ kind: "BACKUP", sourceId, params })).id);
    expect(job.error).toBeNull();
    return job;
  };
  await backup(shopSource.id, { type: "full" });
  await pgRows(shop.url, "UPDATE orders SET total = 0 WHERE id < 50");
  await backup(shopSource.id, { type: "incremental" });
  await pgRows(shop.url, "DELETE FROM notes WHERE id > 400");
  await backup(shopSource.id, { type: "differential" });
  const crmJob = await backup(crmSource.id, { type: "full", policyId: crmPolicy.id });
  const copyJob = await db().job.findFirstOrThrow({ where: { kind: "COPY" } });
  expect((await waitForJob(copyJob.id)).error).toBeNull();
  expect(crmJob.result).toMatchObject({ rows: 3000 });
  const before = await timeline();
  expect(Object.values(before).map((sets) => sets.length).sort()).toEqual([1, 3]);

  // The metadata database is lost.
  await worker.stop({ graceful: false });
  await stopProducer();
  await disconnectDb();
  await metaA.drop();

  // Tidemark B: empty catalog, another secret; an admin registers the same storage (same settings and passphrases).
  const metaB = await createPgDatabase("tm_dr_meta_b");
  cleanup.push(() => metaB.drop());
  const secretB = "secret-of-tidemark-B-9876543210-9876543210";
  await useMetadata(metaB, secretB);
  expect(await db().backupSet.count()).toBe(0);
  await createStorageTarget({ name: "s3-main", kind: "S3", location: "s3://dr-backups/tidemark", config: s3Config, passphrase });
  await createStorageTarget({ name: "offsite-disk", kind: "LOCAL", location: copyDir, config: { path: copyDir }, passphrase: "disk passphrase" });

  // A real process, as an admin would run it, with docs/deploy.md's step 3 arguments; asynchronous, since the S3
  // server it talks to lives in this one.
  const rebuild = async (metadataUrl: string, args: string[]) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/recover-catalog.ts", ...args, "--json"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: metadataUrl, TIDEMARK_SECRET: secretB },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise((r) => child.on("close", r));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    return JSON.parse(stdout);
  };
  // docs/deploy.md step 3, as written: the primary with --register-sources, then the copy destination without.
  expect(await rebuild(metaB.url, ["--storage", "s3-main", "--register-sources"])).toMatchObject({ snapshots: 4, imported: 4, copies: 0, alreadyKnown: 0, unmatched: {} });
  expect(await rebuild(metaB.url, ["--storage", "offsite-disk"])).toMatchObject({ snapshots: 1, imported: 0, copies: 1, registered: [], unmatched: {} });
  // Running it again changes nothing.
  expect(await rebuild(metaB.url, ["--storage", "s3-main", "--register-sources"])).toMatchObject({ imported: 0, alreadyKnown: 4 });
  expect(await rebuild(metaB.url, ["--storage", "offsite-disk"])).toMatchObject({ copies: 0, alreadyKnown: 1 });

  expect(await timeline()).toEqual(before);
  const sources = await db().dataSource.findMany({ orderBy: { name: "asc" }, select: { name: true, engine: true, displayTarget: true } });
  expect(sources).toEqual([
    { name: `${crm.name} (127.0.0.1:5432/${crm.name})`, engine: "POSTGRES", displayTarget: `127.0.0.1:5432/${crm.name}` },
    { name: `${shop.name} (127.0.0.1:5432/${shop.name})`, engine: "POSTGRES", displayTarget: `127.0.0.1:5432/${shop.name}` },
  ]);

  // Tidemark C: the admin registers the sources first, under their own names (shop without a storage target yet),
  // and runs --register-sources for both repositories: the sources are matched, none is duplicated, and the copy
  // destination's snapshot is a copy, not a backup set of its own.
  const metaC = await createPgDatabase("tm_dr_meta_c");
  cleanup.push(() => metaC.drop());
  await useMetadata(metaC, secretB);
  const s3C = await createStorageTarget({ name: "s3-main", kind: "S3", location: "s3://dr-backups/tidemark", config: s3Config, passphrase });
  await createStorageTarget({ name: "offsite-disk", kind: "LOCAL", location: copyDir, config: { path: copyDir }, passphrase: "disk passphrase" });
  await createSourceIfMissing({ name: "shop", engine: "POSTGRES", url: shop.url, displayTarget: shop.name });
  await createSourceIfMissing({ name: "crm", engine: "POSTGRES", url: crm.url, displayTarget: crm.name, storageTargetId: s3C.id });
  expect(await rebuild(metaC.url, ["--storage", "s3-main", "--register-sources"])).toMatchObject({ snapshots: 4, imported: 4, registered: [], unmatched: {} });
  expect(await rebuild(metaC.url, ["--storage", "offsite-disk", "--register-sources"])).toMatchObject({ snapshots: 1, imported: 0, copies: 1, registered: [], unmatched: {} });
  expect(await timeline()).toEqual(before);
  expect((await db().dataSource.findMany({ orderBy: { name: "asc" } })).map((s) => s.name)).toEqual(["crm", "shop"]);
});
