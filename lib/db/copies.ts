// Copies of backup sets in second storage targets: the copy job's bookkeeping and "where each backup lives".
import { db } from "./client";
import type { BackupStatus, StorageKind, Verification } from "./generated/client";

/** A copy job starting (or running again): one row per backup set and target, reset to RUNNING. */
export async function startCopy(input: { backupSetId: string; storageTargetId: string; jobId: string | null }) {
  const data = { status: "RUNNING" as const, verification: "UNVERIFIED" as const, error: null, jobId: input.jobId, bytesSent: 0n, chunksSent: 0, copiedAt: null };
  return db().backupCopy.upsert({
    where: { backupSetId_storageTargetId: { backupSetId: input.backupSetId, storageTargetId: input.storageTargetId } },
    create: { backupSetId: input.backupSetId, storageTargetId: input.storageTargetId, ...data },
    update: data,
  });
}

export async function finishCopy(id: string, result: { bytesSent: number; chunksSent: number; verified: boolean }) {
  return db().backupCopy.update({
    where: { id },
    data: {
      status: result.verified ? "COMPLETED" : "FAILED",
      verification: result.verified ? "VERIFIED" : "FAILED",
      bytesSent: BigInt(result.bytesSent),
      chunksSent: result.chunksSent,
      error: result.verified ? null : "The copy was written but does not verify: see the job's log for the tables that differ.",
      copiedAt: new Date(),
    },
  });
}

export async function failCopy(id: string, error: string) {
  await db().backupCopy.update({ where: { id }, data: { status: "FAILED", error } });
}

export interface ReadPlace {
  storageTargetId: string;
  name: string;
  kind: StorageKind;
  /** false: where the backup was written; true: a completed copy in a second destination. */
  copy: boolean;
}

/**
 * Where a restore (or its preview) of this backup set reads it: where it was written when `fromStorageTargetId` is
 * absent or names that target, else the target holding a completed copy; null when that target holds none.
 */
export async function restoreReadPlace(backupSetId: string, fromStorageTargetId?: string): Promise<ReadPlace | null> {
  const target = { select: { id: true, name: true, kind: true } } as const;
  const set = await db().backupSet.findUnique({ where: { id: backupSetId }, select: { storageTarget: target } });
  if (!set) return null;
  const written = set.storageTarget;
  if (!fromStorageTargetId || fromStorageTargetId === written.id) return { storageTargetId: written.id, name: written.name, kind: written.kind, copy: false };
  const copy = await db().backupCopy.findFirst({ where: { backupSetId, storageTargetId: fromStorageTargetId, status: "COMPLETED" }, select: { storageTarget: target } });
  return copy ? { storageTargetId: copy.storageTarget.id, name: copy.storageTarget.name, kind: copy.storageTarget.kind, copy: true } : null;
}

/**
 * For the job page of a restore, drill, preview or "changes since" comparison: the target its params read the backup
 * from (backupSetId, or a comparison's fromBackupSetId), whatever became of the copy since.
 */
export async function jobReadPlace(params: unknown): Promise<ReadPlace | null> {
  const p = (params ?? {}) as { backupSetId?: unknown; fromBackupSetId?: unknown; fromStorageTargetId?: unknown };
  const backupSetId = typeof p.backupSetId === "string" ? p.backupSetId : p.fromBackupSetId;
  if (typeof backupSetId !== "string") return null;
  const select = { id: true, name: true, kind: true } as const;
  const target = typeof p.fromStorageTargetId === "string"
    ? await db().storageTarget.findUnique({ where: { id: p.fromStorageTargetId }, select })
    : (await db().backupSet.findUnique({ where: { id: backupSetId }, select: { storageTarget: { select } } }))?.storageTarget;
  return target ? { storageTargetId: target.id, name: target.name, kind: target.kind, copy: typeof p.fromStorageTargetId === "string" } : null;
}

/** Catalog rebuild: a snapshot found in a second repository of a source that already has it elsewhere. */
export async function recordFoundCopy(backupSetId: string, storageTargetId: string): Promise<boolean> {
  const key = { backupSetId_storageTargetId: { backupSetId, storageTargetId } };
  if (await db().backupCopy.findUnique({ where: key })) return false;
  await db().backupCopy.create({ data: { backupSetId, storageTargetId, status: "COMPLETED", copiedAt: new Date() } });
  return true;
}

/** The backup set of this snapshot kept in another target, if any (the primary of a copy: snapshot ids are unique). */
export async function backupSetOfSnapshotElsewhere(snapshotId: string, notStorageTargetId: string) {
  return db().backupSet.findFirst({ where: { snapshotId, storageTargetId: { not: notStorageTargetId } }, select: { id: true } });
}

/** Prune: the targets holding copies (any status) of these snapshots of a primary target, with the snapshot ids each holds. */
export async function copiesOfSnapshots(primaryStorageTargetId: string, snapshotIds: string[], status?: "COMPLETED"): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!snapshotIds.length) return out;
  const rows = await db().backupCopy.findMany({
    where: { backupSet: { storageTargetId: primaryStorageTargetId, snapshotId: { in: snapshotIds } }, ...(status ? { status } : {}) },
    select: { storageTargetId: true, backupSet: { select: { snapshotId: true } } },
  });
  for (const r of rows) out.set(r.storageTargetId, [...(out.get(r.storageTargetId) ?? []), r.backupSet.snapshotId]);
  return out;
}

export interface BackupPlace {
  storageTargetId: string;
  name: string;
  kind: StorageKind;
  location: string;
  /** "primary": where the backup was written; "copy": a second destination. */
  role: "primary" | "copy";
  status: BackupStatus;
  verification: Verification;
  /** When it got there (the backup's finish time for the primary). */
  at: Date | null;
  error: string | null;
}

/** Where each backup set lives, primary first, for the timeline. Every id asked for has an entry (unknown ids: []). */
export async function copiesOfBackupSets(ids: string[]): Promise<Record<string, BackupPlace[]>> {
  const out: Record<string, BackupPlace[]> = Object.fromEntries(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const target = { select: { id: true, name: true, kind: true, location: true } } as const;
  const sets = await db().backupSet.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, status: true, verification: true, finishedAt: true, storageTarget: target,
      copies: { orderBy: { createdAt: "asc" }, select: { status: true, verification: true, copiedAt: true, error: true, storageTarget: target } },
    },
  });
  for (const s of sets) {
    const t = s.storageTarget;
    out[s.id] = [
      { storageTargetId: t.id, name: t.name, kind: t.kind, location: t.location, role: "primary", status: s.status, verification: s.verification, at: s.finishedAt, error: null },
      ...s.copies.map((c) => ({
        storageTargetId: c.storageTarget.id, name: c.storageTarget.name, kind: c.storageTarget.kind, location: c.storageTarget.location,
        role: "copy" as const, status: c.status, verification: c.verification, at: c.copiedAt, error: c.error,
      })),
    ];
  }
  return out;
}

export async function storageTargetIdByName(name: string): Promise<string | null> {
  return (await db().storageTarget.findUnique({ where: { name }, select: { id: true } }))?.id ?? null;
}
