// Reports: restore points per source per day (retention coverage) and backup success per source per week, in SQL.
import { db } from "./client";
import { lastDays } from "./overview";

export interface CoverageRow {
  sourceId: string;
  sourceName: string;
  /** Restore points whose consistentAt falls on each day, oldest first, aligned with `days`; null before the source was registered. */
  counts: (number | null)[];
}

/** Completed backups (pre-restore ones included: they can be restored too) per source per UTC day, last `days` days. */
export async function retentionCoverage(days = 90, now = new Date()): Promise<{ days: string[]; sources: CoverageRow[] }> {
  const dayList = lastDays(days, now);
  const start = new Date(`${dayList[0]}T00:00:00Z`);
  const [sources, rows] = await Promise.all([
    db().dataSource.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, createdAt: true } }),
    db().$queryRaw<{ sourceId: string; day: string; n: number }[]>`
      SELECT "sourceId", to_char(date_trunc('day', "consistentAt"), 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM "BackupSet"
      WHERE status = 'COMPLETED' AND "consistentAt" >= ${start}
      GROUP BY 1, 2`,
  ]);
  const index = new Map(dayList.map((d, i) => [d, i]));
  const bySource = new Map(sources.map((s) => {
    const registered = s.createdAt.toISOString().slice(0, 10);
    return [s.id, { sourceId: s.id, sourceName: s.name, counts: dayList.map((d): number | null => (d < registered ? null : 0)) }];
  }));
  for (const r of rows) {
    const i = index.get(r.day);
    const row = bySource.get(r.sourceId);
    // A backup older than the source's registration (an imported catalog) still counts.
    if (row && i !== undefined) row.counts[i] = r.n;
  }
  return { days: dayList, sources: [...bySource.values()] };
}

export interface WeeklySuccess {
  sourceId: string;
  sourceName: string;
  /** Monday of the ISO week, "YYYY-MM-DD" (UTC). */
  week: string;
  succeeded: number;
  failed: number;
  cancelled: number;
}

/** Backup jobs that ended, per source and ISO week (UTC), over the last `weeks` weeks including this one; newest week first. */
export async function weeklyBackupSuccess(weeks = 12, now = new Date()): Promise<WeeklySuccess[]> {
  const start = new Date(`${lastWeeks(weeks, now)[0]}T00:00:00Z`);
  return db().$queryRaw<WeeklySuccess[]>`
    SELECT j."sourceId", s.name AS "sourceName", to_char(date_trunc('week', j."createdAt"), 'YYYY-MM-DD') AS week,
           count(*) FILTER (WHERE j.status = 'SUCCEEDED')::int AS succeeded,
           count(*) FILTER (WHERE j.status = 'FAILED')::int AS failed,
           count(*) FILTER (WHERE j.status = 'CANCELLED')::int AS cancelled
    FROM "Job" j JOIN "DataSource" s ON s.id = j."sourceId"
    WHERE j.kind = 'BACKUP' AND j."createdAt" >= ${start} AND j.status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')
    GROUP BY 1, 2, 3
    ORDER BY 3 DESC, 2`;
}

/** Succeeded / (succeeded + failed); cancelled runs are someone's choice, not a failure. Null without any. */
export function successRate(w: { succeeded: number; failed: number }): number | null {
  return w.succeeded + w.failed ? w.succeeded / (w.succeeded + w.failed) : null;
}

/** Mondays ("YYYY-MM-DD", UTC) of the last `weeks` ISO weeks including this one, oldest first. */
export function lastWeeks(weeks = 12, now = new Date()): string[] {
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
  return Array.from({ length: weeks }, (_, i) => new Date(monday - (weeks - 1 - i) * 7 * 24 * 3600_000).toISOString().slice(0, 10));
}
