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
