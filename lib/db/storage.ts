// Storage targets (backup repositories): listing for display; secrets stay encrypted.
import { encryptJson, encryptSecret } from "../secrets";
import { db } from "./client";

export async function listStorageTargets() {
  return db().storageTarget.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, location: true, createdAt: true, _count: { select: { backupSets: true, sources: true } } },
  });
}

export async function createLocalStorageIfMissing(name: string, directory: string, passphrase: string) {
  const existing = await db().storageTarget.findUnique({ where: { name } });
  if (existing) return existing;
  return db().storageTarget.create({
    data: { name, kind: "LOCAL", location: directory, configEnc: encryptJson({ path: directory }), passphraseEnc: encryptSecret(passphrase) },
  });
}

// ── Storage page and forms ──────────────────────────────────────────────────────────────────────────────────────

export async function storageTargetExists(id: string): Promise<boolean> {
  return (await db().storageTarget.count({ where: { id } })) > 0;
}

/** id and name of every target, for the pickers of the source and policy forms. */
export async function storageOptions() {
  return db().storageTarget.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, location: true } });
}

export interface StorageUsage {
  id: string;
  name: string;
  kind: "LOCAL" | "S3";
  location: string;
  createdAt: Date;
  sources: number;
  backupSets: number;
  logicalBytes: number;
  storedBytes: number;
}

/**
 * Each target with what its completed backups hold: logical bytes (what a restore gives back) and stored bytes (the new
 * chunks each backup wrote). Their ratio is the dedup and compression saving.
 */
export async function listStorageUsage(): Promise<StorageUsage[]> {
  const [targets, sums] = await Promise.all([
    db().storageTarget.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, location: true, createdAt: true, _count: { select: { sources: true } } } }),
    db().backupSet.groupBy({ by: ["storageTargetId"], where: { status: "COMPLETED" }, _sum: { logicalBytes: true, storedBytes: true }, _count: { _all: true } }),
  ]);
  const by = new Map(sums.map((s) => [s.storageTargetId, s]));
  return targets.map(({ _count, ...t }) => {
    const s = by.get(t.id);
    return { ...t, sources: _count.sources, backupSets: s?._count._all ?? 0, logicalBytes: Number(s?._sum.logicalBytes ?? 0), storedBytes: Number(s?._sum.storedBytes ?? 0) };
  });
}

export async function storageNameTaken(name: string): Promise<boolean> {
  return (await db().storageTarget.count({ where: { name } })) > 0;
}

/** The target already registered at this location (local directory or s3://bucket/prefix), if any. */
export async function storageAtLocation(location: string): Promise<{ name: string } | null> {
  return db().storageTarget.findFirst({ where: { location }, select: { name: true } });
}

export async function createStorageTarget(input: { name: string; kind: "LOCAL" | "S3"; location: string; config: unknown; passphrase: string }) {
  return db().storageTarget.create({
    data: { name: input.name, kind: input.kind, location: input.location, configEnc: encryptJson(input.config), passphraseEnc: encryptSecret(input.passphrase) },
    select: { id: true, name: true, location: true },
  });
}

export async function getStorageTarget(id: string) {
  return db().storageTarget.findUnique({ where: { id }, select: { id: true, name: true, kind: true, location: true, sources: { select: { id: true, name: true } } } });
}

/** Completed backups of a target not verified in the last `days` days, oldest check first (verify work for one click). */
export async function backupSetsDueForVerify(storageTargetId: string, limit: number, days = 7) {
  const since = new Date(Date.now() - days * 24 * 3600_000);
  const where = { storageTargetId, status: "COMPLETED" as const, OR: [{ verifiedAt: null }, { verifiedAt: { lt: since } }] };
  const [rows, total] = await Promise.all([
    db().backupSet.findMany({ where, orderBy: [{ consistentAt: "desc" }], take: limit, select: { id: true, sourceId: true } }),
    db().backupSet.count({ where }),
  ]);
  return { rows, total };
}
