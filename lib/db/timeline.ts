// The source page's timeline: only the visible window is read (index on sourceId, consistentAt); a dense window comes
// back as counts per bucket and type, aggregated in SQL, so 5 000 backups cost what 60 buckets cost.
import type { TimelineBucket, TimelineData, TimelinePoint } from "../timeline";
import { db } from "./client";

export type { TimelineBucket, TimelineData, TimelinePoint };

const JOB_TYPE: Record<string, TimelinePoint["type"]> = { full: "FULL", differential: "DIFFERENTIAL", incremental: "INCREMENTAL" };

export async function timelineWindow(sourceId: string, from: Date, to: Date, opts: { maxPoints: number; bucketMs: number }): Promise<TimelineData> {
  const inWindow = { sourceId, consistentAt: { gte: from, lt: to } };
  const failedJobsWhere = { sourceId, kind: "BACKUP" as const, status: "FAILED" as const, createdAt: { gte: from, lt: to } };
  const [sets, failedJobs] = await Promise.all([db().backupSet.count({ where: inWindow }), db().job.count({ where: failedJobsWhere })]);
  const total = sets + failedJobs;
  if (total <= opts.maxPoints) {
    const [rows, jobs] = await Promise.all([
      db().backupSet.findMany({
        where: inWindow,
        orderBy: { consistentAt: "asc" },
        select: { id: true, type: true, status: true, verification: true, consistentAt: true, logicalBytes: true, storedBytes: true, rowCount: true, tableCount: true, pinned: true, preRestore: true },
      }),
      failedJobs ? db().job.findMany({ where: failedJobsWhere, orderBy: { createdAt: "asc" }, select: { id: true, params: true, createdAt: true, error: true } }) : [],
    ]);
    const points: TimelinePoint[] = rows.map((r) => ({
      id: r.id, kind: "backup", type: r.type, status: r.status, verification: r.verification, at: (r.consistentAt ?? new Date(0)).toISOString(),
      logicalBytes: Number(r.logicalBytes), storedBytes: Number(r.storedBytes), rowCount: Number(r.rowCount), tableCount: r.tableCount, pinned: r.pinned, preRestore: r.preRestore,
    }));
    for (const j of jobs) {
      const type = JOB_TYPE[String((j.params as { type?: string } | null)?.type ?? "incremental")] ?? "INCREMENTAL";
      points.push({ id: j.id, kind: "failed-job", type, status: "FAILED", verification: "UNVERIFIED", at: j.createdAt.toISOString(), logicalBytes: 0, storedBytes: 0, rowCount: 0, tableCount: 0, pinned: false, preRestore: false, error: j.error });
    }
    points.sort((a, b) => a.at.localeCompare(b.at));
    return { mode: "points", total, points };
  }
  const seconds = opts.bucketMs / 1000;
  const [setBuckets, jobBuckets] = await Promise.all([
    db().$queryRaw<{ b: number; type: TimelineBucket["type"]; count: number; failed: number; verifyFailed: number }[]>`
      SELECT floor(extract(epoch FROM ("consistentAt" - ${from}::timestamp)) / ${seconds})::int AS b, type::text AS type,
             count(*)::int AS count, count(*) FILTER (WHERE status = 'FAILED')::int AS failed,
             count(*) FILTER (WHERE verification = 'FAILED')::int AS "verifyFailed"
      FROM "BackupSet" WHERE "sourceId" = ${sourceId} AND "consistentAt" >= ${from} AND "consistentAt" < ${to}
      GROUP BY 1, 2`,
    db().$queryRaw<{ b: number; type: string | null; count: number }[]>`
      SELECT floor(extract(epoch FROM ("createdAt" - ${from}::timestamp)) / ${seconds})::int AS b, params->>'type' AS type, count(*)::int AS count
      FROM "Job" WHERE "sourceId" = ${sourceId} AND kind = 'BACKUP' AND status = 'FAILED' AND "createdAt" >= ${from} AND "createdAt" < ${to}
      GROUP BY 1, 2`,
  ]);
  const byKey = new Map<string, TimelineBucket>();
  const bucket = (b: number, type: TimelineBucket["type"]) => {
    const key = `${b}.${type}`;
    let v = byKey.get(key);
    if (!v) {
      const start = new Date(from.getTime() + b * opts.bucketMs);
      v = { start: start.toISOString(), end: new Date(Math.min(to.getTime(), start.getTime() + opts.bucketMs)).toISOString(), type, count: 0, failed: 0, verifyFailed: 0 };
      byKey.set(key, v);
    }
    return v;
  };
  for (const r of setBuckets) {
    const v = bucket(r.b, r.type);
    v.count += r.count;
    v.failed += r.failed;
    v.verifyFailed += r.verifyFailed;
  }
  for (const r of jobBuckets) {
    const v = bucket(r.b, JOB_TYPE[r.type ?? "incremental"] ?? "INCREMENTAL");
    v.count += r.count;
    v.failed += r.count;
  }
  return { mode: "buckets", total, buckets: [...byKey.values()].sort((a, b) => a.start.localeCompare(b.start)) };
}

/**
 * Where the backups of a window live when a policy copies them ("Local disk", "Offsite (copy, verified)"), read beside the timeline rather than
 * after it: one query on the window, nothing when no policy copies.
 */
export async function copiesInWindow(sourceId: string, from: Date, to: Date): Promise<Record<string, string[]>> {
  const rows = await db().backupCopy.findMany({
    where: { backupSet: { sourceId, consistentAt: { gte: from, lt: to } } },
    orderBy: { createdAt: "asc" },
    select: { backupSetId: true, status: true, verification: true, storageTarget: { select: { name: true } }, backupSet: { select: { storageTarget: { select: { name: true } } } } },
  });
  const out: Record<string, string[]> = {};
  for (const c of rows) (out[c.backupSetId] ??= [c.backupSet.storageTarget.name]).push(`${c.storageTarget.name} (copy, ${c.status === "COMPLETED" ? c.verification.toLowerCase() : c.status.toLowerCase()})`);
  return out;
}

/** Recent jobs of one source for its page. */
export async function recentJobsOfSource(sourceId: string, limit = 10) {
  return db().job.findMany({
    where: { sourceId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, status: true, error: true, createdAt: true, finishedAt: true, params: true, requestedBy: { select: { email: true } } },
  });
}
