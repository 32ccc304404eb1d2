// A storage target whose repository disappeared (an unmounted disk, a moved directory) is reported, never replaced:
// reads say where to look, and a backup refuses to start a new repository with new keys in its place.
import fs from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, pgRows, type TempPgDatabase } from "../../test/support/databases";
import { waitForJob } from "../../test/support/jobs";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { db } from "../db/client";
import { storageAccess } from "../db/source-secrets";
import { createSourceIfMissing } from "../db/sources";
import { createLocalStorageIfMissing } from "../db/storage";
import { startJob, stopProducer } from "./enqueue";
import { openExistingRepository, openOrInitRepository, READ_FROM_COPY_HINT } from "./repository-access";
import { startWorker, type WorkerHandle } from "./worker";

const meta = withMetadataDatabase();
let worker: WorkerHandle;
let src: TempPgDatabase;
let dir: string;

beforeAll(async () => {
  worker = await startWorker({ databaseUrl: meta.current().url, workerId: "repo-access-test", concurrency: 1 });
  src = await createPgDatabase("tm_repoaccess");
  await pgRows(src.url, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 500) g;");
  dir = mkdtempSync(path.join(tmpdir(), "tm-repo-access-"));
});

afterAll(async () => {
  await worker?.stop({ graceful: false });
  await stopProducer();
  await src?.drop();
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(`${dir}.moved`, { recursive: true, force: true });
});

it("reports a vanished repository on reads and refuses to re-create it on the next backup", async () => {
  const target = await createLocalStorageIfMissing("vanishing", dir, "a passphrase");
  const { source } = await createSourceIfMissing({ name: "vanishing-src", engine: "POSTGRES", url: src.url, displayTarget: src.name, storageTargetId: target.id });
  const first = await waitForJob((await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "full" } })).id);
  expect(first.error).toBeNull();
  const access = await storageAccess(target.id);
  expect((await openExistingRepository(access)).id).toBeTruthy();

  // The disk is unmounted: its mount point is an empty directory again.
  await fs.rename(dir, `${dir}.moved`);
  await fs.mkdir(dir);
  const readErr = await openExistingRepository(access, READ_FROM_COPY_HINT).catch((e: Error) => e);
  expect((readErr as Error).message).toContain(`Storage target "vanishing" holds no Tidemark repository at ${dir} any more`);
  expect((readErr as Error).message).toContain('"Read from" in the restore wizard');

  const again = await waitForJob((await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "incremental" } })).id);
  expect(again.status).toBe("FAILED");
  expect(again.error).toContain("1 backup was written to it");
  expect(again.error).toContain("does not start a new repository");
  expect(await fs.readdir(dir)).toEqual([]);

  // Mounted again: backups continue in the same repository.
  await fs.rm(dir, { recursive: true });
  await fs.rename(`${dir}.moved`, dir);
  const back = await waitForJob((await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "incremental" } })).id);
  expect(back.error).toBeNull();
});

it("creates the repository on a target's first backup", async () => {
  const fresh = mkdtempSync(path.join(tmpdir(), "tm-repo-fresh-"));
  try {
    const target = await createLocalStorageIfMissing("fresh", fresh, "another passphrase");
    const repo = await openOrInitRepository(await storageAccess(target.id));
    expect(await fs.readdir(fresh)).toContain("config");
    expect((await openExistingRepository(await storageAccess(target.id))).id).toBe(repo.id);
  } finally {
    await fs.rm(fresh, { recursive: true, force: true });
  }
});

it("a copy destination that lost its repository is not started afresh, and an in-place restore from a copy with the primary gone fails before anything happens", async () => {
  const primaryDir = mkdtempSync(path.join(tmpdir(), "tm-repo-primary-"));
  const offsiteDir = mkdtempSync(path.join(tmpdir(), "tm-repo-offsite-"));
  try {
    const primary = await createLocalStorageIfMissing("primary-x", primaryDir, "primary passphrase");
    const offsite = await createLocalStorageIfMissing("offsite-x", offsiteDir, "offsite passphrase");
    const { source } = await createSourceIfMissing({ name: "copied-x", engine: "POSTGRES", url: src.url, displayTarget: src.name, storageTargetId: primary.id });
    const backupSet = async () => {
      const job = await waitForJob((await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "full" } })).id);
      expect(job.error).toBeNull();
      return (job.result as { backupSetId: string }).backupSetId;
    };
    const copy = (backupSetId: string) => startJob({ kind: "COPY", sourceId: source.id, params: { backupSetId, storageTargetId: offsite.id } }).then((j) => waitForJob(j.id));
    const first = await backupSet();
    expect((await copy(first)).error).toBeNull();

    // The offsite disk is unmounted: the next copy refuses to put a new repository on its mount point.
    await fs.rename(offsiteDir, `${offsiteDir}.moved`);
    await fs.mkdir(offsiteDir);
    const refused = await copy(await backupSet());
    expect(refused.status).toBe("FAILED");
    expect(refused.error).toContain("1 copy is kept there");
    expect(refused.error).toContain("does not start a new repository");
    expect(await fs.readdir(offsiteDir)).toEqual([]);
    await fs.rm(offsiteDir, { recursive: true });
    await fs.rename(`${offsiteDir}.moved`, offsiteDir);

    // The primary is lost: reading from the copy works, but the pre-restore backup of an in-place restore has nowhere
    // to go, which the job says at once instead of after reading anything.
    await fs.rename(primaryDir, `${primaryDir}.moved`);
    await fs.mkdir(primaryDir);
    const sets = await db().backupSet.count({ where: { sourceId: source.id } });
    const inPlace = await waitForJob((await startJob({ kind: "RESTORE", sourceId: source.id, params: { backupSetId: first, mode: "replace", fromStorageTargetId: offsite.id } })).id);
    expect(inPlace.status).toBe("FAILED");
    expect(inPlace.error).toContain("The pre-restore backup of copied-x cannot be written there: restore into a new database instead");
    expect(await db().backupSet.count({ where: { sourceId: source.id } })).toBe(sets);
    expect(await fs.readdir(primaryDir)).toEqual([]);
  } finally {
    await fs.rm(primaryDir, { recursive: true, force: true });
    await fs.rm(`${primaryDir}.moved`, { recursive: true, force: true });
    await fs.rm(offsiteDir, { recursive: true, force: true });
  }
});
