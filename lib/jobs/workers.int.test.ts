// Many workers: three real worker processes share one metadata database and one S3 repository (s3rver) and back up
// six sources twice; every job completes exactly once, never two of one source at a time, and the work is shared.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPgDatabase, pgRows, type TempPgDatabase } from "../../test/support/databases";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { startS3, type TestS3 } from "../../test/support/s3";
import { registerFleet, runFleet, spawnWorker, type WorkerProcess } from "../../test/support/worker-processes";
import { tidemarkSecret } from "../env";
import { stopProducer } from "./enqueue";

const meta = withMetadataDatabase();
let s3: TestS3;
const databases: TempPgDatabase[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  s3 = await startS3({ buckets: ["fleet"] });
  for (let i = 0; i < 6; i++) {
    const d = await createPgDatabase(`tm_fleet${i}`);
    databases.push(d);
    await pgRows(d.url, `CREATE TABLE items (id int PRIMARY KEY, label text, n int); INSERT INTO items SELECT g, md5((g * ${i + 1})::text), g % 97 FROM generate_series(1, 15000) g;`);
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await stopProducer();
  await s3?.stop();
  for (const d of databases) await d.drop();
});

it("three worker processes run twelve backups of six sources: each exactly once, one per source at a time", async () => {
  const env = { DATABASE_URL: meta.current().url, TIDEMARK_SECRET: tidemarkSecret(), WORKER_CONCURRENCY: "2" };
  for (let i = 0; i < 3; i++) workers.push(spawnWorker(env));
  await Promise.all(workers.map((w) => w.ready));
  const fleet = await registerFleet("fleet", s3.config("fleet", "shared"), databases);
  const run = await runFleet(fleet, [{ type: "full" }, { type: "incremental" }]);
  expect(run.failed).toEqual([]);
  expect(run.jobs).toBe(12);
  expect(run.repeated).toEqual([]);
  expect(run.overlapping).toEqual([]);
  expect(run.snapshots).toBe(12);
  expect(run.backupSets).toBe(12);
  expect(run.rows).toBe(12 * 15000);
  // The jobs were shared: every one ran in a worker process, and more than one process took part.
  const pids = new Set(Object.keys(run.byWorker).map((id) => id.split("-").at(-2)));
  expect(pids.size).toBeGreaterThanOrEqual(2);
  for (const pid of pids) expect(workers.map((w) => String(w.child.pid))).toContain(pid);
});
