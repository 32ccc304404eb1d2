// A worker: claims jobs from pg-boss, runs them, beats its heartbeat and fails jobs whose worker died.
import { hostname } from "node:os";
import { failAbandonedJobs } from "../db/jobs";
import { beat, HEARTBEAT_INTERVAL_MS, removeWorker } from "../db/workers";
import { JOB_QUEUE, queuePayload } from "./definitions";
import { createBoss, ensureQueues } from "./queue";
import { runJob } from "./runner";

/** A running job whose heartbeat is older than this belongs to a dead worker. */
export const ABANDONED_AFTER_MS = 60_000;

export interface WorkerHandle {
  id: string;
  stop: (options?: { graceful?: boolean }) => Promise<void>;
}

export async function startWorker(opts: { databaseUrl: string; workerId: string; concurrency: number; log?: (line: string) => void }): Promise<WorkerHandle> {
  const log = opts.log ?? (() => undefined);
  const boss = createBoss(opts.databaseUrl, "worker");
  boss.on("error", (error) => log(`queue error: ${error.message}`));
  await boss.start();
  await ensureQueues(boss);

  // groupConcurrency 1: jobs of one source (its group) never overlap, whichever workers hold them.
  await boss.work(JOB_QUEUE, { localConcurrency: opts.concurrency, groupConcurrency: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const { jobId } = queuePayload.parse(job.data);
    await runJob(jobId, opts.workerId, { retryCount: job.retryCount, signal: job.signal });
  });

  const tick = async () => {
    await beat(opts.workerId, hostname(), process.pid);
    for (const id of await failAbandonedJobs(ABANDONED_AFTER_MS)) log(`job ${id}: its worker stopped responding; marked failed`);
  };
  await tick();
  const timer = setInterval(() => tick().catch((e) => log(`heartbeat failed: ${e.message}`)), HEARTBEAT_INTERVAL_MS);

  return {
    id: opts.workerId,
    async stop({ graceful = true } = {}) {
      clearInterval(timer);
      await boss.stop({ graceful, timeout: 30_000 }).catch(() => undefined);
      await removeWorker(opts.workerId).catch(() => undefined);
    },
  };
}
