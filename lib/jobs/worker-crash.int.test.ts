// A worker process killed in the middle of a backup: the job ends failed with the reason, the repository holds no
// half snapshot, neither the source nor the repository is left locked (a prune, which needs the repository alone,
// runs), and the next backup succeeds.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { createPgDatabase, type TempPgDatabase } from "../../test/support/databases";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { getJob } from "../db/jobs";
import { createSourceIfMissing } from "../db/sources";
import { createLocalStorageIfMissing } from "../db/storage";
import { tidemarkSecret } from "../env";
import { startJob, stopProducer } from "./enqueue";
import { listLocks } from "../repository/locks";
import { openOrInitRepository, targetStorage } from "./repository-access";
import { startWorker, type WorkerHandle } from "./worker";

const meta = withMetadataDatabase();
let child: ChildProcess | undefined;
let worker: WorkerHandle | undefined;
let database: TempPgDatabase | undefined;

afterAll(async () => {
  child?.kill("SIGKILL");
  await worker?.stop({ graceful: false });
  await stopProducer();
  await database?.drop();
});

async function waitForStatus(jobId: string, statuses: string[], timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(jobId);
    if (job && statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} is ${job?.status}, not ${statuses.join("/")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it("a worker killed mid-backup leaves a failed job with the reason, no snapshot, and the next backup succeeds", async () => {
  database = await createPgDatabase("tm_crash");
  const blocker = new pg.Client({ connectionString: database.url });
  await blocker.connect();
  await blocker.query("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 20000) g");
  const repoDir = mkdtempSync(path.join(tmpdir(), "tm-crash-repo-"));
  const storage = await createLocalStorageIfMissing("crash-store", repoDir, "crash test passphrase");
  const { source } = await createSourceIfMissing({ name: "crashy", engine: "POSTGRES", url: database.url, displayTarget: database.name, storageTargetId: storage.id });

  // A real worker process; the table is held so its backup is surely mid-way when it dies.
  await blocker.query("BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, "../../bin/worker.ts")], {
    env: { ...process.env, DATABASE_URL: meta.current().url, TIDEMARK_SECRET: tidemarkSecret(), WORKER_CONCURRENCY: "1" },
    stdio: "ignore",
  });
  const job = await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "full" } });
  const running = await waitForStatus(job.id, ["RUNNING"]);
  expect(running.workerId).toMatch(new RegExp(`-${child.pid}-`));
  const storageOf = targetStorage({ kind: "LOCAL", config: { path: repoDir } });
  const jobLocks = async () => (await listLocks(storageOf)).filter((l) => l.info.jobId === job.id);
  for (let i = 0; i < 100 && !(await jobLocks()).length; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await jobLocks()).toHaveLength(1); // the backup's shared lock, naming its job
  child.kill("SIGKILL");
  await new Promise((r) => child!.once("exit", r));
  await blocker.query("ROLLBACK");
  await blocker.end();

  // Another worker notices the silence and fails the job with the reason.
  worker = await startWorker({ databaseUrl: meta.current().url, workerId: "survivor", concurrency: 1, abandonedAfterMs: 4_000 });
  const failed = await waitForStatus(job.id, ["FAILED"], 30_000);
  expect(failed.error).toMatch(/stopped responding/);
  const repo = await openOrInitRepository(repoDir, "crash test passphrase");
  expect(await repo.listSnapshots()).toEqual([]);
  // Its repository lock goes with it, so retention (the exclusive lock) is not blocked until someone runs the CLI.
  for (let i = 0; i < 100 && (await jobLocks()).length; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await jobLocks()).toEqual([]);
  const prune = await startJob({ kind: "PRUNE", sourceId: source.id, params: { keep: { last: 1 } } });
  expect((await waitForStatus(prune.id, ["SUCCEEDED", "FAILED"], 60_000)).error).toBeNull();

  // The dead worker's hold on the source went with its connection: the next backup runs and completes.
  const next = await startJob({ kind: "BACKUP", sourceId: source.id, params: { type: "full" } });
  const done = await waitForStatus(next.id, ["SUCCEEDED", "FAILED"], 60_000);
  expect(done.error).toBeNull();
  expect(await repo.listSnapshots()).toHaveLength(1);
});
