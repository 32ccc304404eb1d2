// DiffRow: every row difference a diff job found, numbered per table and kind, paged by keyset on seq.
import { db } from "./client";
import type { Prisma } from "./generated/client";

export type DiffRowKind = "added" | "removed" | "changed";

export interface NewDiffRow {
  table: string;
  kind: DiffRowKind;
  seq: number;
  data: unknown;
}

/** Stores one batch; skipDuplicates makes a retried job's rewrite harmless. */
export async function storeDiffRows(jobId: string, rows: NewDiffRow[]): Promise<void> {
  if (!rows.length) return;
  await db().diffRow.createMany({
    data: rows.map((r) => ({ jobId, tableName: r.table, kind: r.kind, seq: r.seq, data: r.data as Prisma.InputJsonValue })),
    skipDuplicates: true,
  });
}

/** A job that runs again starts from nothing. */
export async function clearDiffRows(jobId: string): Promise<void> {
  await db().diffRow.deleteMany({ where: { jobId } });
}

/** Rows after `afterSeq` (0 for the first page), in seq order. */
export async function diffRowsPage(jobId: string, table: string, kind: DiffRowKind, afterSeq: number, limit: number) {
  return db().diffRow.findMany({
    where: { jobId, tableName: table, kind, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, data: true },
  });
}

export async function diffRowBySeq(jobId: string, table: string, kind: DiffRowKind, seq: number) {
  return db().diffRow.findUnique({ where: { jobId_tableName_kind_seq: { jobId, tableName: table, kind, seq } }, select: { seq: true, data: true } });
}

/** Diff results hold copies of rows in plain text (the repository keeps them encrypted): they are kept this long. */
export const DIFF_RESULT_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Removes the rows and sample values of diff jobs that finished more than DIFF_RESULT_TTL_MS ago; their counts and
 * schema changes stay, marked `expired`. Returns how many jobs were expired.
 */
export async function expireDiffResults(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - DIFF_RESULT_TTL_MS);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM "DiffRow" WHERE "jobId" IN (SELECT "id" FROM "Job" WHERE "kind" = 'DIFF' AND "finishedAt" < ${before})`;
    return tx.$executeRaw`
      UPDATE "Job" SET "result" = jsonb_set("result", '{tables}',
          COALESCE((SELECT jsonb_agg(t - 'samples') FROM jsonb_array_elements("result"->'tables') t), '[]'::jsonb))
        || jsonb_build_object('expired', true)
      WHERE "kind" = 'DIFF' AND "finishedAt" < ${before} AND jsonb_typeof("result"->'tables') = 'array' AND NOT ("result" ? 'expired')`;
  });
}
