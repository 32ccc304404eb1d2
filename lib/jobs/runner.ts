// Runs one job on a worker: marks it running, writes progress and heartbeats a few times a second at most,
// stops between chunks when cancelled, and ends the Job row with a result or the error in plain words.
import { addJobEvent, FINAL_STATUSES, finishJob, getJob, markJobRunning, touchJob } from "../db/jobs";
import { lockSource, type SourceLock } from "../db/source-lock";
import type { Progress } from "../backup/progress";
import { lockContext } from "../repository/locks";
import { JOB_QUEUE_OPTIONS, type JobContext, type JobDefinition } from "./definitions";
import { isTransient, JobCancelledError, JobFailedWithResult, plainMessage } from "./errors";
import { clearLocksOfEndedJobs } from "./lock-cleanup";
import { notifyJobOutcome } from "./notify";
import { jobDefinitions } from "./registry";

const HEARTBEAT_MS = 2_000;
/**
 * Kinds the queue never re-runs by itself, neither after a transient error nor after an interrupted attempt: a restore
 * may have changed its target before failing (or being cut off), and running it again would replace it once more
 * without a fresh preview and move its undo to a later backup.
 */
const NEVER_RERUN: string[] = ["RESTORE"];

/** How long a job waits for a repository lock held by a running job (a prune, a backup) before it fails. */
export const REPOSITORY_LOCK_WAIT_MS = 15 * 60_000;

export interface Attempt {
  /** pg-boss's retry count for this claim (0 on the first attempt). */
  retryCount: number;
  /** pg-boss's own signal: aborted when the queue gives the job up (expiry, shutdown). */
  signal: AbortSignal;
}

/** Estimated seconds left from the rate so far; null until there is a rate. */
export function etaSeconds(p: Progress, elapsedMs: number): number | null {
  if (!p.bytesTotal || !p.bytesDone || elapsedMs < 1000) return null;
  const rate = p.bytesDone / elapsedMs;
  return Math.max(0, Math.round((p.bytesTotal - p.bytesDone) / rate / 1000));
}

export async function runJob(jobId: string, workerId: string, attempt: Attempt): Promise<void> {
  const job = await getJob(jobId);
  if (!job || FINAL_STATUSES.includes(job.status)) return; // cancelled while queued, or already ended
  const definition = jobDefinitions[job.kind];
  if (!definition) {
    await finishJob(jobId, "FAILED", { error: `This worker cannot run ${job.kind.toLowerCase()} jobs yet. Upgrade the worker.` });
    return;
  }
  // RUNNING on arrival: an earlier attempt was cut off (its worker stopped or died), or, if its heartbeat was only lost,
  // is still going elsewhere. Its cancel request does not end the wait below: the earlier attempt is waited for first.
  const interrupted = job.status === "RUNNING";
  if (!interrupted && job.cancelRequested) {
    await finishJob(jobId, "CANCELLED", { error: "Cancelled before it started." });
    return;
  }
  const parsed = definition.params.safeParse(job.params);
  if (!parsed.success) {
    await finishJob(jobId, "FAILED", { error: `The job's parameters are invalid: ${parsed.error.issues[0]?.message}` });
    return;
  }

  let sourceLock: SourceLock | null = null;
  if (definition.perSource && job.sourceId) {
    sourceLock = await lockSource(
      job.sourceId,
      async () => attempt.signal.aborted || (!interrupted && Boolean((await getJob(jobId))?.cancelRequested)),
      () => addJobEvent(jobId, "info", "Waiting for another job on this source to finish"),
    );
    if (!sourceLock) {
      if (!attempt.signal.aborted) await finishJob(jobId, "CANCELLED", { error: "Cancelled before it started." });
      return;
    }
  }
  try {
    if (interrupted && !(await takeOverInterrupted(jobId, job))) return;
    await runLocked(jobId, workerId, attempt, definition, parsed.data, job);
  } finally {
    await sourceLock?.release();
  }
}

async function runLocked(
  jobId: string,
  workerId: string,
  attempt: Attempt,
  definition: JobDefinition,
  params: unknown,
  job: { sourceId: string | null; requestedById: string | null },
): Promise<void> {
  if (!(await markJobRunning(jobId, workerId))) {
    // Cancelled between being read and being claimed: the cancel stands, nothing runs.
    if ((await getJob(jobId))?.status === "QUEUED") await finishJob(jobId, "CANCELLED", { error: "Cancelled before it started." });
    return;
  }
  await addJobEvent(jobId, "info", attempt.retryCount ? `Attempt ${attempt.retryCount + 1} started on ${workerId}` : `Started on ${workerId}`);
  const controller = new AbortController();
  const onQueueAbort = () => controller.abort(new Error("The queue gave this job up (it ran past its time limit or the worker is shutting down)."));
  attempt.signal.addEventListener("abort", onQueueAbort, { once: true });

  const started = Date.now();
  /** Notification deliveries go into the job's log; a webhook that fails never fails the job. */
  const report = async (deliveries: { channel: string; ok: boolean; error?: string }[]) => {
    for (const d of deliveries) await addJobEvent(jobId, d.ok ? "info" : "warn", d.ok ? `Notified ${d.channel}` : `Could not notify ${d.channel}: ${d.error}`).catch(() => undefined);
  };
  let latest: Progress | undefined;
  let pending: Promise<unknown> = Promise.resolve();
  const snapshotProgress = () => (latest ? { ...latest, etaSeconds: etaSeconds(latest, Date.now() - started), elapsedMs: Date.now() - started } : undefined);
  const beat = () => {
    const progress = snapshotProgress();
    pending = touchJob(jobId, progress)
      .then(({ cancelRequested }) => cancelRequested && !controller.signal.aborted && controller.abort(new JobCancelledError()))
      .catch(() => undefined);
  };
  const timer = setInterval(beat, HEARTBEAT_MS);

  const ctx: JobContext<unknown> = {
    jobId,
    sourceId: job.sourceId,
    requestedById: job.requestedById,
    params,
    signal: controller.signal,
    progress: (p) => void (latest = p),
    log: (level, message, data) => addJobEvent(jobId, level, message, data),
  };

  // The last progress is written when the job ends too: a short job may end before its first heartbeat.
  const flushProgress = async () => {
    clearInterval(timer);
    await pending;
    if (latest) await touchJob(jobId, snapshotProgress()).catch(() => undefined);
  };
  try {
    // Repository locks taken by the job name it (so a killed worker's locks can be cleared) and wait for a live holder.
    const locks = { jobId, waitMs: REPOSITORY_LOCK_WAIT_MS, signal: controller.signal, onWait: (holder: string) => void addJobEvent(jobId, "info", `Waiting for the repository: ${holder}`).catch(() => undefined) };
    const result = await lockContext.run(locks, () => definition.handle(ctx));
    await flushProgress();
    await finishJob(jobId, "SUCCEEDED", { result: result ?? null, error: null });
    await addJobEvent(jobId, "info", `Finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await report(await notifyJobOutcome({ id: jobId, kind: definition.kind, sourceId: job.sourceId }, "success", "finished"));
  } catch (error) {
    await flushProgress();
    // A failure that carries a result (a committed restore that does not read back equal, with its undo) is reported
    // as such even if a cancel came meanwhile: the target has changed, and "cancelled" would hide it.
    if (controller.signal.aborted && controller.signal.reason instanceof JobCancelledError && !(error instanceof JobFailedWithResult)) {
      await finishJob(jobId, "CANCELLED", { error: "Cancelled on request before it finished; its log says what it had done." });
      await addJobEvent(jobId, "warn", "Cancelled on request");
      return;
    }
    const message = plainMessage(error);
    if (isTransient(error) && !NEVER_RERUN.includes(definition.kind) && attempt.retryCount < JOB_QUEUE_OPTIONS.retryLimit) {
      await finishJob(jobId, "QUEUED", { error: message });
      await addJobEvent(jobId, "warn", `Temporary failure, will retry: ${message}`);
      throw error; // pg-boss retries with backoff
    }
    await finishJob(jobId, "FAILED", { error: message, result: error instanceof JobFailedWithResult ? error.result : undefined });
    await addJobEvent(jobId, "error", message);
    await report(await notifyJobOutcome({ id: jobId, kind: definition.kind, sourceId: job.sourceId }, "failure", message));
  } finally {
    attempt.signal.removeEventListener("abort", onQueueAbort);
  }
}

/**
 * An attempt cut off earlier: once the source is ours, the job is either final (the earlier attempt was still running
 * and finished) or really interrupted. Its repository locks go first; a restore is then failed, never re-run blindly
 * (it may already have changed its target); a cancel asked meanwhile ends it; other kinds run again. True: run it.
 */
async function takeOverInterrupted(jobId: string, job: { kind: string; sourceId: string | null }): Promise<boolean> {
  const now = await getJob(jobId);
  if (!now || FINAL_STATUSES.includes(now.status)) return false;
  for (const line of await clearLocksOfEndedJobs(jobId).catch(() => [])) await addJobEvent(jobId, "info", `An earlier attempt was interrupted: ${line}`);
  const message = NEVER_RERUN.includes(job.kind)
    ? "An earlier attempt of this restore was interrupted (its worker stopped), so it was not run again: the target may be partly restored. Check it, and start the restore again from the wizard (it previews the target as it is now)."
    : now.cancelRequested
      ? "An earlier attempt was interrupted (its worker stopped) and a cancel was asked: not run again."
      : null;
  if (!message) return true;
  await finishJob(jobId, "FAILED", { error: message });
  await addJobEvent(jobId, "error", message);
  await notifyJobOutcome({ id: jobId, kind: job.kind, sourceId: job.sourceId }, "failure", message).catch(() => undefined);
  return false;
}
