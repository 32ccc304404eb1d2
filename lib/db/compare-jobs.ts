// Finding an earlier compare job for the same two backups, so opening the same comparison again costs nothing.
import { db } from "./client";
import { DIFF_RESULT_TTL_MS } from "./diffs";

interface CompareParams {
  mode?: string;
  fromBackupSetId?: string;
  to?: { backupSetId?: string; live?: boolean };
  tables?: string[];
}

/** Whether a DIFF job's params compare `from` with `to` (a backup set id or "live") over every table. */
export function comparesPair(params: unknown, from: string, to: string): boolean {
  const p = (params ?? {}) as CompareParams;
  if (p.mode !== "compare" || p.fromBackupSetId !== from || p.tables?.length) return false;
  return to === "live" ? p.to?.live === true : p.to?.backupSetId === to;
}

/**
 * The newest queued, running or succeeded compare of two backups of a source. Two backups never change, so
 * their comparison stays valid until its rows expire; a comparison with the live database is never reused.
 */
export async function findCompareJob(sourceId: string, from: string, to: string): Promise<string | null> {
  if (to === "live") return null;
  const fresh = new Date(Date.now() - DIFF_RESULT_TTL_MS + 3_600_000);
  const recent = await db().job.findMany({
    where: { kind: "DIFF", sourceId, status: { in: ["QUEUED", "RUNNING", "SUCCEEDED"] }, createdAt: { gte: fresh }, params: { path: ["fromBackupSetId"], equals: from } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: { id: true, params: true },
  });
  return recent.find((j) => comparesPair(j.params, from, to))?.id ?? null;
}

/** A DIFF job of this source comparing exactly this pair, or null (a forged or stale ?job= in a URL). */
export async function compareJobFor(jobId: string, sourceId: string, from: string, to: string): Promise<string | null> {
  const job = await db().job.findUnique({ where: { id: jobId }, select: { id: true, kind: true, sourceId: true, params: true } });
  return job && job.kind === "DIFF" && job.sourceId === sourceId && comparesPair(job.params, from, to) ? job.id : null;
}
