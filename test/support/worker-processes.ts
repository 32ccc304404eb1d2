// Real worker processes (bin/worker.ts) for multi-worker tests and the workers benchmark, and the fleet scenario
// both run: N workers, one metadata database, one S3 repository, M sources backed up at once.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { db } from "../../lib/db/client";
import { createSourceIfMissing } from "../../lib/db/sources";
import { createStorageTarget } from "../../lib/db/storage";
import type { S3Config } from "../../lib/repository/storage/s3";
import { startJob } from "../../lib/jobs/enqueue";
import { openOrInitRepository } from "../../lib/jobs/repository-access";
import { waitForJob } from "./jobs";

const WORKER = path.resolve(import.meta.dirname, "../../bin/worker.ts");

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the worker printed "ready". */
  ready: Promise<void>;
  stop: () => Promise<void>;
}

export function spawnWorker(env: { DATABASE_URL: string; TIDEMARK_SECRET: string; WORKER_CONCURRENCY?: string }): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
    env: { ...process.env, WORKER_CONCURRENCY: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      log += d;
      if (log.includes("ready:")) resolve();
    });
    child.stderr!.on("data", (d) => (log += d));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready: ${log.slice(-500)}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    ready,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface FleetRun {
  jobs: number;
  wallMs: number;
  /** Jobs per worker id: who did what. */
  byWorker: Record<string, number>;
  failed: string[];
  /** Jobs that ran more than once (attempts > 1). */
  repeated: string[];
  /** Sources with two jobs running at the same moment (must be none). */
  overlapping: string[];
  snapshots: number;
  backupSets: number;
  rows: number;
}

/** One S3 storage target and a source per database; returns their ids. */
export async function registerFleet(name: string, s3: S3Config, databases: { name: string; url: string }[]) {
  const target = await createStorageTarget({ name, kind: "S3", location: `s3://${s3.bucket}/${s3.prefix ?? ""}`, config: s3, passphrase: `${name} passphrase` });
  const sources: string[] = [];
  for (const d of databases) {
    const { source } = await createSourceIfMissing({ name: `${name}-${d.name}`, engine: "POSTGRES", url: d.url, displayTarget: d.name, storageTargetId: target.id });
    sources.push(source.id);
  }
  return { targetId: target.id, sources, passphrase: `${name} passphrase`, s3 };
}

/** Queues `rounds` backups of every source at once and waits for all of them; then checks what happened. */
export async function runFleet(fleet: Awaited<ReturnType<typeof registerFleet>>, rounds: { type: "full" | "incremental" }[]): Promise<FleetRun> {
  const started = performance.now();
  const ids: string[] = [];
  for (const round of rounds) for (const sourceId of fleet.sources) ids.push((await startJob({ kind: "BACKUP", sourceId, params: { type: round.type } })).id);
  for (const id of ids) await waitForJob(id, undefined, 30 * 60_000);
  const wallMs = performance.now() - started;
  const jobs = await db().job.findMany({ where: { id: { in: ids } } });
  const byWorker: Record<string, number> = {};
  for (const j of jobs) byWorker[j.workerId ?? "none"] = (byWorker[j.workerId ?? "none"] ?? 0) + 1;
  const overlapping = new Set<string>();
  for (const a of jobs) {
    for (const b of jobs) {
      if (a.id < b.id && a.sourceId === b.sourceId && a.startedAt! < b.finishedAt! && b.startedAt! < a.finishedAt!) overlapping.add(a.sourceId!);
    }
  }
  const repo = await openOrInitRepository({ kind: "S3", config: fleet.s3, passphrase: fleet.passphrase });
  return {
    jobs: jobs.length,
    wallMs,
    byWorker,
    failed: jobs.filter((j) => j.status !== "SUCCEEDED").map((j) => `${j.id}: ${j.status} ${j.error ?? ""}`),
    repeated: jobs.filter((j) => j.attempts !== 1).map((j) => j.id),
    overlapping: [...overlapping],
    snapshots: (await repo.snapshotIds()).length,
    backupSets: await db().backupSet.count({ where: { jobId: { in: ids } } }),
    rows: jobs.reduce((n, j) => n + Number((j.result as { rows?: number } | null)?.rows ?? 0), 0),
  };
}
