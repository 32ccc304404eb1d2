// The overview's numbers: every figure is aggregated in SQL, so the page stays fast with thousands of backup sets.
import { db } from "./client";

const DAY_MS = 24 * 3600_000;

/** "YYYY-MM-DD" (UTC) of each of the last `days` days, oldest first, today last. */
export function lastDays(days: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

function since(days: number, now: Date): Date {
  return new Date(Date.parse(`${lastDays(days, now)[0]}T00:00:00Z`));
}

export interface DailyOutcome {
  day: string;
  succeeded: number;
  failed: number;
}

/** Backup jobs that ended in each of the last `days` days (UTC), succeeded vs failed; days without any are zeros. */
export async function dailyBackupOutcomes(days: number, now = new Date()): Promise<DailyOutcome[]> {
  const rows = await db().$queryRaw<{ day: string; succeeded: number; failed: number }[]>`
    SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day,
           count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS succeeded,
           count(*) FILTER (WHERE status = 'FAILED')::int AS failed
    FROM "Job"
    WHERE kind = 'BACKUP' AND "createdAt" >= ${since(days, now)} AND status IN ('SUCCEEDED', 'FAILED')
    GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return lastDays(days, now).map((day) => ({ day, succeeded: byDay.get(day)?.succeeded ?? 0, failed: byDay.get(day)?.failed ?? 0 }));
}

export interface StoragePoint {
  day: string;
  /** What the kept backups would take as plain dumps, cumulative. */
  logicalBytes: number;
  /** What they take in the repository after dedup and compression, cumulative. */
  storedBytes: number;
}

/** Logical vs stored bytes of the catalog's completed backup sets, cumulative at the end of each of the last `days` days. */
export async function storageOverTime(days: number, now = new Date()): Promise<{ points: StoragePoint[]; totalLogical: number; totalStored: number }> {
  const start = since(days, now);
  const rows = await db().$queryRaw<{ day: string | null; logical: string; stored: string }[]>`
    SELECT CASE WHEN "startedAt" < ${start} THEN NULL ELSE to_char(date_trunc('day', "startedAt"), 'YYYY-MM-DD') END AS day,
           sum("logicalBytes")::text AS logical, sum("storedBytes")::text AS stored
    FROM "BackupSet"
    WHERE status = 'COMPLETED'
    GROUP BY 1`;
  let logical = 0;
  let stored = 0;
  const byDay = new Map<string, { logical: number; stored: number }>();
  for (const r of rows) {
    if (r.day === null) {
      logical += Number(r.logical);
      stored += Number(r.stored);
    } else byDay.set(r.day, { logical: Number(r.logical), stored: Number(r.stored) });
  }
  const points = lastDays(days, now).map((day) => {
    logical += byDay.get(day)?.logical ?? 0;
    stored += byDay.get(day)?.stored ?? 0;
    return { day, logicalBytes: logical, storedBytes: stored };
  });
  return { points, totalLogical: logical, totalStored: stored };
}

export interface DurationPoint {
  sourceId: string;
  sourceName: string;
  at: number;
  durationMs: number;
}

/** The last `perSource` completed backups of every source: when and how long each took. */
export async function recentBackupDurations(perSource: number): Promise<DurationPoint[]> {
  const rows = await db().$queryRaw<{ sourceId: string; sourceName: string; at: Date; durationMs: number }[]>`
    SELECT b."sourceId", s.name AS "sourceName", b.at, b."durationMs"
    FROM (
      SELECT "sourceId", "startedAt" AS at, "durationMs",
             row_number() OVER (PARTITION BY "sourceId" ORDER BY "startedAt" DESC) AS n
      FROM "BackupSet"
      WHERE status = 'COMPLETED' AND "durationMs" IS NOT NULL AND "preRestore" = false
    ) b JOIN "DataSource" s ON s.id = b."sourceId"
    WHERE b.n <= ${perSource}
    ORDER BY s.name, b.at`;
  return rows.map((r) => ({ ...r, at: r.at.getTime() }));
}

export interface RtoPoint {
  sourceId: string | null;
  sourceName: string;
  at: number;
  rtoMs: number;
  verified: boolean;
}

/** Restore drills that finished in the last `days` days, with the restore time (RTO) each measured. */
export async function drillRtoTrend(days: number, now = new Date()): Promise<RtoPoint[]> {
  const rows = await db().$queryRaw<{ sourceId: string | null; sourceName: string | null; at: Date; rtoMs: number; verified: boolean | null }[]>`
    SELECT j."sourceId", s.name AS "sourceName", j."finishedAt" AS at,
           (j.result->>'rtoMs')::float8 AS "rtoMs", (j.result->>'verified')::boolean AS verified
    FROM "Job" j LEFT JOIN "DataSource" s ON s.id = j."sourceId"
    WHERE j.kind = 'DRILL' AND j.status = 'SUCCEEDED' AND j."createdAt" >= ${since(days, now)}
      AND j."finishedAt" IS NOT NULL AND jsonb_typeof(j.result->'rtoMs') = 'number'
    ORDER BY j."finishedAt"`;
  return rows.map((r) => ({ sourceId: r.sourceId, sourceName: r.sourceName ?? "deleted source", at: r.at.getTime(), rtoMs: r.rtoMs, verified: r.verified ?? false }));
}

/** Restore drills that failed in the last `days` days: a drill that cannot restore is the loudest warning there is. */
export async function failedDrillCount(days: number, now = new Date()): Promise<number> {
  return db().job.count({ where: { kind: "DRILL", status: "FAILED", createdAt: { gte: since(days, now) } } });
}

/** Jobs queued or running now, oldest first, with their progress (as the worker stored it); dates as ISO strings for the browser. */
export async function activeJobs(limit = 20) {
  const rows = await db().job.findMany({
    where: { status: { in: ["QUEUED", "RUNNING"] } },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, kind: true, status: true, progress: true, createdAt: true, startedAt: true, cancelRequested: true, source: { select: { id: true, name: true } } },
  });
  return rows.map((j) => ({
    ...j,
    status: j.status as "QUEUED" | "RUNNING",
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
  }));
}

