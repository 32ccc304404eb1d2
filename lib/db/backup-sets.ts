// Backup sets: the catalog of snapshots per source, written from each snapshot's manifest.
import type { Manifest } from "../repository/manifest";
import { db } from "./client";
import type { BackupType } from "./generated/client";

const TYPE: Record<Manifest["type"], BackupType> = { full: "FULL", differential: "DIFFERENTIAL", incremental: "INCREMENTAL" };

/** Records a completed snapshot; running it twice for the same snapshot changes nothing. */
export async function recordBackupSet(input: { sourceId: string; storageTargetId: string; manifest: Manifest; jobId?: string; preRestore?: boolean; startedAt: Date }) {
  const { manifest: m } = input;
  const existing = await db().backupSet.findUnique({ where: { storageTargetId_snapshotId: { storageTargetId: input.storageTargetId, snapshotId: m.id } } });
  if (existing) return { ...existing, created: false };
  const parent = m.parent
    ? await db().backupSet.findUnique({ where: { storageTargetId_snapshotId: { storageTargetId: input.storageTargetId, snapshotId: m.parent } }, select: { id: true } })
    : null;
  const parentDigests = new Map<string, string>();
  if (parent) {
    for (const t of await db().backupTable.findMany({ where: { backupSetId: parent.id }, select: { schemaName: true, name: true, digest: true } })) {
      parentDigests.set(`${t.schemaName ?? ""}.${t.name}`, t.digest);
    }
  }
  const created = await db().backupSet.create({
    data: {
      sourceId: input.sourceId,
      storageTargetId: input.storageTargetId,
      snapshotId: m.id,
      type: TYPE[m.type],
      status: "COMPLETED",
      parentId: parent?.id ?? null,
      consistentAt: new Date(m.consistentAt),
      position: m.position ?? null,
      startedAt: input.startedAt,
      finishedAt: new Date(),
      durationMs: m.stats.durationMs,
      logicalBytes: BigInt(m.tables.reduce((n, t) => n + t.bytes, 0)),
      storedBytes: BigInt(m.stats.bytesStored),
      rowCount: BigInt(m.tables.reduce((n, t) => n + t.rows, 0)),
      tableCount: m.tables.length,
      preRestore: input.preRestore ?? false,
      jobId: input.jobId ?? null,
      tables: {
        create: m.tables.map((t) => ({
          schemaName: t.ref.schema,
          name: t.ref.name,
          rowCount: BigInt(t.rows),
          bytes: BigInt(t.bytes),
          chunkCount: t.chunks.length,
          digest: t.digest,
          changed: parentDigests.get(`${t.ref.schema ?? ""}.${t.ref.name}`) !== t.digest,
        })),
      },
    },
  });
  return { ...created, created: true };
}

export async function getBackupSet(id: string) {
  return db().backupSet.findUnique({ where: { id }, include: { tables: true } });
}

export async function setVerification(id: string, ok: boolean) {
  await db().backupSet.update({ where: { id }, data: { verification: ok ? "VERIFIED" : "FAILED", verifiedAt: new Date() } });
}

export async function listBackupSets(sourceId: string, limit = 100) {
  return db().backupSet.findMany({ where: { sourceId }, orderBy: { consistentAt: "desc" }, take: limit });
}

export async function latestBackupSet(sourceId: string) {
  return db().backupSet.findFirst({ where: { sourceId, status: "COMPLETED" }, orderBy: { consistentAt: "desc" } });
}

/**
 * What a drill that names no backup restores: the latest completed backup, or with `fromStorageTargetId` (a drill of
 * the copy) the newest one with a completed copy in that storage target.
 */
export async function latestDrillableBackupSet(sourceId: string, fromStorageTargetId?: string) {
  if (!fromStorageTargetId) return latestBackupSet(sourceId);
  return db().backupSet.findFirst({
    where: { sourceId, status: "COMPLETED", copies: { some: { storageTargetId: fromStorageTargetId, status: "COMPLETED" } } },
    orderBy: { consistentAt: "desc" },
  });
}

export async function pinnedSnapshotIds(storageTargetId: string): Promise<string[]> {
  const rows = await db().backupSet.findMany({ where: { storageTargetId, pinned: true }, select: { snapshotId: true } });
  return rows.map((r) => r.snapshotId);
}

/** Every backup-set id a job's params name (restores, previews, compares, drills, copies, verifications). */
function backupSetIdsIn(params: unknown): string[] {
  const p = (params ?? {}) as { backupSetId?: unknown; fromBackupSetId?: unknown; to?: { backupSetId?: unknown } };
  return [p.backupSetId, p.fromBackupSetId, p.to?.backupSetId].filter((v): v is string => typeof v === "string");
}

/**
 * Snapshots on the target that a queued or running job still has to read: retention keeps them until it has, so a
 * restore never starts from a preview whose backup was forgotten in between.
 */
export async function snapshotsInUse(storageTargetId: string): Promise<string[]> {
  const jobs = await db().job.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] }, kind: { in: ["RESTORE", "DIFF", "DRILL", "COPY", "VERIFY"] } }, select: { params: true } });
  const ids = [...new Set(jobs.flatMap((j) => backupSetIdsIn(j.params)))];
  if (!ids.length) return [];
  const rows = await db().backupSet.findMany({ where: { id: { in: ids }, storageTargetId }, select: { snapshotId: true } });
  return rows.map((r) => r.snapshotId);
}

/** How long the automatic backup taken before an in-place restore (its undo) is kept, whatever the policy's rules. */
export const PRE_RESTORE_KEEP_DAYS = 14;

/** The source's pre-restore backups in this storage target. */
export async function preRestoreSnapshots(sourceId: string, storageTargetId: string): Promise<{ snapshotId: string; createdAt: Date }[]> {
  return db().backupSet.findMany({ where: { sourceId, storageTargetId, preRestore: true }, select: { snapshotId: true, createdAt: true } });
}

/** Completed backups of the source in this storage target whose snapshot the repository no longer holds. */
export async function orphanedBackupSets(sourceId: string, storageTargetId: string, present: Set<string>): Promise<string[]> {
  const rows = await db().backupSet.findMany({ where: { sourceId, storageTargetId, status: "COMPLETED" }, select: { snapshotId: true } });
  return rows.map((r) => r.snapshotId).filter((id) => !present.has(id));
}

export async function deleteBackupSetsBySnapshot(storageTargetId: string, snapshotIds: string[]): Promise<number> {
  if (!snapshotIds.length) return 0;
  const { count } = await db().backupSet.deleteMany({ where: { storageTargetId, snapshotId: { in: snapshotIds } } });
  return count;
}

/** Everything the backup page shows: the set, its tables, its parent, where it is stored and which job made it. */
export async function getBackupSetDetails(id: string, sourceId?: string) {
  return db().backupSet.findFirst({
    where: { id, ...(sourceId ? { sourceId } : {}) },
    include: {
      tables: { orderBy: [{ schemaName: "asc" }, { name: "asc" }] },
      parent: { select: { id: true, type: true, consistentAt: true } },
      storageTarget: { select: { id: true, name: true, kind: true, location: true } },
      source: { select: { id: true, name: true, engine: true } },
    },
  });
}

/** The completed backup of the same source just before this one (what "compare with previous" compares against). */
export async function previousBackupSet(sourceId: string, before: Date) {
  return db().backupSet.findFirst({
    where: { sourceId, status: "COMPLETED", consistentAt: { lt: before } },
    orderBy: { consistentAt: "desc" },
    select: { id: true, type: true, consistentAt: true },
  });
}

const POINT = { id: true, type: true, consistentAt: true, rowCount: true, tableCount: true, verification: true, pinned: true, preRestore: true } as const;

/**
 * Completed backups of a source, newest first, for the pickers of the restore wizard and the compare page; `include`
 * adds older ones a link names (a timeline pick from last year) so they can be shown selected.
 */
export async function restorePoints(sourceId: string, { limit = 200, include = [] as string[] } = {}) {
  const recent = await db().backupSet.findMany({ where: { sourceId, status: "COMPLETED" }, orderBy: { consistentAt: "desc" }, take: limit, select: POINT });
  const missing = include.filter((id) => !recent.some((p) => p.id === id));
  if (!missing.length) return recent;
  const older = await db().backupSet.findMany({ where: { sourceId, status: "COMPLETED", id: { in: missing } }, select: POINT });
  return [...recent, ...older].sort((a, b) => (b.consistentAt?.getTime() ?? 0) - (a.consistentAt?.getTime() ?? 0));
}

export async function setPinned(id: string, pinned: boolean) {
  return db().backupSet.update({ where: { id }, data: { pinned }, select: { id: true, sourceId: true, snapshotId: true, pinned: true } });
}
