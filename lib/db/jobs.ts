// Job rows: created with their queue entry in one transaction, then moved through their states by the worker.
import { db } from "./client";
import type { JobKind, JobStatus, Prisma } from "./generated/client";

export type Tx = Prisma.TransactionClient;

export async function listRecentJobs(limit = 50, status?: JobStatus) {
  return db().job.findMany({
    where: status ? { status } : undefined,
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true, kind: true, status: true, error: true, createdAt: true, startedAt: true, finishedAt: true, progress: true,
      source: { select: { id: true, name: true } },
      requestedBy: { select: { email: true } },
    },
  });
}

/** Backup outcomes over the last `days` days, by status. */
export async function backupOutcomes(days: number) {
  const since = new Date(Date.now() - days * 24 * 3600_000);
  const rows = await db().job.groupBy({ by: ["status"], where: { kind: "BACKUP", createdAt: { gte: since } }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all])) as Partial<Record<JobStatus, number>>;
}

export interface NewJob {
  kind: JobKind;
  params: Record<string, unknown>;
  sourceId?: string | null;
  requestedById?: string | null;
}

/** Inserts the Job row and, in the same transaction, whatever `enqueue` does (the pg-boss send). */
export async function createJob(input: NewJob, enqueue: (tx: Tx, jobId: string) => Promise<string | null>) {
  return db().$transaction(async (tx) => {
    const job = await tx.job.create({
      data: { kind: input.kind, params: input.params as Prisma.InputJsonValue, sourceId: input.sourceId ?? null, requestedById: input.requestedById ?? null },
    });
    const bossJobId = await enqueue(tx, job.id);
    return tx.job.update({ where: { id: job.id }, data: { bossJobId } });
  });
}

export async function getJob(id: string) {
  return db().job.findUnique({ where: { id } });
}

export async function getJobWithEvents(id: string) {
  return db().job.findUnique({
    where: { id },
    include: { events: { orderBy: { id: "asc" }, take: 500 }, source: { select: { id: true, name: true } }, requestedBy: { select: { email: true } } },
  });
}

export const FINAL_STATUSES: JobStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];

/** Claims the job for this worker; false when it was cancelled (or ended) in the meantime, which then stands. */
export async function markJobRunning(id: string, workerId: string): Promise<boolean> {
  const { count } = await db().job.updateMany({
    where: { id, status: { in: ["QUEUED", "RUNNING"] }, cancelRequested: false },
    data: { status: "RUNNING", workerId, startedAt: new Date(), heartbeatAt: new Date(), attempts: { increment: 1 }, error: null },
  });
  return count === 1;
}

export async function touchJob(id: string, progress?: unknown): Promise<{ cancelRequested: boolean }> {
  const row = await db().job.update({
    where: { id },
    data: { heartbeatAt: new Date(), ...(progress !== undefined ? { progress: progress as Prisma.InputJsonValue } : {}) },
    select: { cancelRequested: true },
  });
  return row;
}

export async function finishJob(id: string, status: "SUCCEEDED" | "FAILED" | "CANCELLED" | "QUEUED", outcome: { result?: unknown; error?: string | null } = {}) {
  await db().job.update({
    where: { id },
    data: {
      status,
      ...(status === "QUEUED" ? {} : { finishedAt: new Date() }),
      ...(outcome.result !== undefined ? { result: outcome.result as Prisma.InputJsonValue } : {}),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    },
  });
}

export async function addJobEvent(jobId: string, level: "info" | "warn" | "error", message: string, data?: unknown) {
  await db().jobEvent.create({ data: { jobId, level, message, data: (data ?? undefined) as Prisma.InputJsonValue | undefined } });
}

/** Asks a job to stop. A queued job is cancelled at once; a running one stops at its next check. */
export async function requestCancel(id: string): Promise<JobStatus> {
  const job = await db().job.update({ where: { id }, data: { cancelRequested: true } });
  if (job.status === "QUEUED") {
    await finishJob(id, "CANCELLED", { error: "Cancelled before it started." });
    return "CANCELLED";
  }
  return job.status;
}

/** A queued or running job of this kind that a policy started (its params name the policy). */
export async function activePolicyJob(kind: JobKind, policyId: string): Promise<{ id: string; status: JobStatus } | null> {
  return db().job.findFirst({
    where: { kind, status: { in: ["QUEUED", "RUNNING"] }, params: { path: ["policyId"], equals: policyId } },
    select: { id: true, status: true },
  });
}

/** What a job killed mid-way may have left behind, by kind (its log names the database). */
function leftBehind(kind: JobKind, params: unknown): string {
  const p = (params ?? {}) as { mode?: string; database?: string };
  if (kind === "RESTORE" && p.mode === "new") return `The new database ${p.database ?? ""} may be half-loaded: drop it before restoring again.`;
  if (kind === "RESTORE") return "An in-place restore rolls back when its connection dies, but check the target; the job's log names the pre-restore backup that undoes it if it committed.";
  if (kind === "DRILL") return "Its scratch database (named in its log) may still hold a copy of the data: drop it.";
  return "Nothing it wrote was kept as a backup; run the job again.";
}

/**
 * Jobs whose worker stopped sending heartbeats are failed with the reason, so nothing stays "running" forever; returns
 * those this call ended (each exactly once, for one notification).
 */
export async function failAbandonedJobs(graceMs: number, now = new Date()): Promise<{ id: string; kind: JobKind; sourceId: string | null; bossJobId: string | null; message: string }[]> {
  const cutoff = new Date(now.getTime() - graceMs);
  const stale = await db().job.findMany({
    where: { status: "RUNNING", heartbeatAt: { lt: cutoff } },
    select: { id: true, kind: true, sourceId: true, params: true, workerId: true, heartbeatAt: true, bossJobId: true },
  });
  const ended = [];
  for (const job of stale) {
    const message = `The worker running this job (${job.workerId ?? "unknown"}) stopped responding; last heartbeat ${job.heartbeatAt?.toISOString()}. ${leftBehind(job.kind, job.params)}`;
    const { count } = await db().job.updateMany({ where: { id: job.id, status: "RUNNING", heartbeatAt: { lt: cutoff } }, data: { status: "FAILED", finishedAt: now, error: message } });
    if (!count) continue; // another worker ended it first
    await addJobEvent(job.id, "error", message);
    ended.push({ id: job.id, kind: job.kind, sourceId: job.sourceId, bossJobId: job.bossJobId, message });
  }
  return ended;
}

export interface JobFilter {
  kind?: JobKind;
  status?: JobStatus;
  sourceId?: string;
  /** Created at or after. */
  from?: Date;
  /** Created before. */
  to?: Date;
}

/** Where the next page starts: the last row's creation time and id (keyset pagination, newest first). */
export interface JobCursor {
  createdAt: Date;
  id: string;
}

/** One page of jobs, newest first, filtered; `next` is set when older rows exist. Uses the (kind|status|source, createdAt) indexes. */
export async function listJobsPage(filter: JobFilter, cursor: JobCursor | null, pageSize = 50) {
  const where: Prisma.JobWhereInput = {
    kind: filter.kind,
    status: filter.status,
    sourceId: filter.sourceId,
    createdAt: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
    ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
  };
  const rows = await db().job.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: {
      id: true, kind: true, status: true, error: true, createdAt: true, startedAt: true, finishedAt: true, progress: true, cancelRequested: true,
      source: { select: { id: true, name: true } },
      requestedBy: { select: { email: true } },
    },
  });
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return { jobs: page, next: rows.length > pageSize && last ? { createdAt: last.createdAt, id: last.id } : null };
}

/** The opening of the event a retry writes on the job it retries. */
export const RETRIED_AS = "Retried as job ";

/** The jobs started as retries of `jobId` (the retry writes an event carrying the new job's id). */
export async function retriesOf(jobId: string): Promise<string[]> {
  const events = await db().jobEvent.findMany({ where: { jobId, message: { startsWith: RETRIED_AS } }, select: { data: true }, orderBy: { id: "asc" } });
  return events.map((e) => (e.data as { retriedAsJobId?: unknown } | null)?.retriedAsJobId).filter((id): id is string => typeof id === "string");
}
