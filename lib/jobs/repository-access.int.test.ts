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
import { storageAccess } from "../db/source-secrets";
import { createSourceIfMissing } from "../db/sources";
import { createLocalStorageIfMissing } from "../db/storage";
import { startJob, stopProducer } from "./enqueue";
import { openExistingRepository, openOrInitRepository } from "./repository-access";
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
  const readErr = await openExistingRepository(access).catch((e: Error) => e);
  expect((readErr as Error).message).toContain(`Storage target "vanishing" holds no Tidemark repository at ${dir}`);
  expect((readErr as Error).message).toContain("restore from a copy");

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
