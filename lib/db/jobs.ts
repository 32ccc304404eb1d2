// Job rows: what ran, is running or waits, for the jobs list and the overview.
import { db } from "./client";
import type { JobStatus } from "./generated/client";

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
