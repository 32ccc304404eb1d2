// A worker: claims jobs from pg-boss, runs them, beats its heartbeat and fails jobs whose worker died.
import { hostname } from "node:os";
import { expireDiffResults } from "../db/diffs";
import { expireLoginThrottles } from "../db/login-throttle";
import { clearLocksOfEndedJobs } from "./lock-cleanup";
import { notifyJobOutcome } from "./notify";
import { failAbandonedJobs } from "../db/jobs";
import { beat, HEARTBEAT_INTERVAL_MS, removeWorker } from "../db/workers";
import { JOB_QUEUE, queuePayload } from "./definitions";
import { createBoss, ensureQueues } from "./queue";
import { checkRpo } from "./rpo";
import { runJob } from "./runner";
import { handleScheduled, SCHEDULE_QUEUE, syncSchedules } from "./schedules";

/** A running job whose heartbeat is older than this belongs to a dead worker. */
export const ABANDONED_AFTER_MS = 60_000;
/** Heartbeat ticks per minute: schedules, expiries, RPO checks and the lock sweep run once a minute. */
const MINUTE_TICKS = Math.max(1, Math.round(60_000 / HEARTBEAT_INTERVAL_MS));

export interface WorkerHandle {
  id: string;
  /** Applies policy changes to the schedules now rather than at the next minute. */
  syncSchedules: () => Promise<number>;
  stop: (options?: { graceful?: boolean }) => Promise<void>;
}

export async function startWorker(opts: {
  databaseUrl: string;
  workerId: string;
  concurrency: number;
  log?: (line: string) => void;
  /** How often due schedules are looked for (pg-boss's default, 30 s, suits minute-level crons). */
  scheduleCheckSeconds?: number;
  /** A running job without a heartbeat for this long belongs to a dead worker. */
  abandonedAfterMs?: number;
}): Promise<WorkerHandle> {
  const log = opts.log ?? (() => undefined);
  const boss = createBoss(opts.databaseUrl, "worker", { scheduleCheckSeconds: opts.scheduleCheckSeconds });
  boss.on("error", (error) => log(`queue error: ${error.message}`));
  await boss.start();
  await ensureQueues(boss);

  // groupConcurrency 1: jobs of one source (its group) never overlap, whichever workers hold them.
  await boss.work(JOB_QUEUE, { localConcurrency: opts.concurrency, groupConcurrency: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const { jobId } = queuePayload.parse(job.data);
    await runJob(jobId, opts.workerId, { retryCount: job.retryCount, signal: job.signal });
  });

  if (!(await boss.getQueue(SCHEDULE_QUEUE))) await boss.createQueue(SCHEDULE_QUEUE, { retryLimit: 2, expireInSeconds: 300 });
  await boss.work(SCHEDULE_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
    const jobId = await handleScheduled(job.data);
    if (jobId) log(`schedule fired: job ${jobId}`);
  });
  const scheduleError = (message: string) => log(`schedule skipped: ${message}`);
  await syncSchedules(boss, scheduleError);

  let ticks = 0;
  let sweeping: Promise<void> | null = null;
  const tick = async () => {
    await beat(opts.workerId, hostname(), process.pid);
    // Policy edits reach pg-boss's schedules within a minute, from whichever worker syncs first.
    const minute = ++ticks % MINUTE_TICKS === 0;
    if (minute) {
      await syncSchedules(boss, scheduleError);
      const expired = await expireDiffResults();
      if (expired) log(`removed the stored rows of ${expired} diff results older than 7 days`);
      await expireLoginThrottles();
      for (const change of await checkRpo()) log(`source ${change.sourceId} ${change.atRisk ? "missed its RPO" : "is within its RPO again"}`);
    }
    const abandoned = await failAbandonedJobs(opts.abandonedAfterMs ?? ABANDONED_AFTER_MS);
    for (const job of abandoned) {
      // Also end it in the queue, which frees its source at once instead of after pg-boss's own check.
      if (job.bossJobId) await boss.cancel(JOB_QUEUE, job.bossJobId).catch(() => undefined);
      log(`job ${job.id}: its worker stopped responding; marked failed`);
      // The runner that would have sent the failure notification is gone: send it here, once (failAbandonedJobs
      // returns only the jobs this call ended).
      await notifyJobOutcome({ id: job.id, kind: job.kind, sourceId: job.sourceId }, "failure", job.message).catch(() => undefined);
    }
    // At start, after abandoned jobs and once a minute (a job the queue handed out again before it was abandoned):
    // repository locks of jobs that ended are freed. In the background, so a slow storage never stops the heartbeat.
    if (!sweeping && (ticks === 1 || abandoned.length || minute)) {
      sweeping = clearLocksOfEndedJobs()
        .then((lines) => lines.forEach((line) => log(line)))
        .catch((e: Error) => log(`lock sweep failed: ${e.message}`))
        .finally(() => (sweeping = null));
    }
  };
  await tick();
  const timer = setInterval(() => tick().catch((e) => log(`heartbeat failed: ${e.message}`)), HEARTBEAT_INTERVAL_MS);

  return {
    id: opts.workerId,
    syncSchedules: () => syncSchedules(boss, scheduleError),
    async stop({ graceful = true } = {}) {
      clearInterval(timer);
      await sweeping;
      await boss.stop({ graceful, timeout: 30_000 }).catch(() => undefined);
      await removeWorker(opts.workerId).catch(() => undefined);
    },
  };
}
