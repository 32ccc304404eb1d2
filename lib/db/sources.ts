// Data sources: registration (with the connection encrypted) and listing without secrets.
import { encryptJson } from "../secrets";
import { db } from "./client";
import type { Engine } from "./generated/client";

export interface SourceListItem {
  id: string;
  name: string;
  engine: Engine;
  displayTarget: string;
  demo: boolean;
  createdAt: Date;
  lastBackupAt: Date | null;
}

export async function listSources(): Promise<SourceListItem[]> {
  const rows = await db().dataSource.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, engine: true, displayTarget: true, demo: true, createdAt: true,
      backupSets: { where: { status: "COMPLETED" }, orderBy: { consistentAt: "desc" }, take: 1, select: { consistentAt: true } },
    },
  });
  return rows.map(({ backupSets, ...r }) => ({ ...r, lastBackupAt: backupSets[0]?.consistentAt ?? null }));
}

export async function countSources(): Promise<number> {
  return db().dataSource.count();
}

export interface NewSource {
  name: string;
  engine: Engine;
  /** The connection URL with credentials; stored only encrypted. */
  url: string;
  displayTarget: string;
  storageTargetId?: string | null;
  demo?: boolean;
  createdById?: string | null;
}

export async function createSourceIfMissing(input: NewSource) {
  const existing = await db().dataSource.findUnique({ where: { name: input.name } });
  if (existing) return { source: existing, created: false };
  const source = await db().dataSource.create({
    data: {
      name: input.name,
      engine: input.engine,
      connectionEnc: encryptJson({ url: input.url }),
      displayTarget: input.displayTarget,
      storageTargetId: input.storageTargetId ?? null,
      demo: input.demo ?? false,
      createdById: input.createdById ?? null,
    },
  });
  return { source, created: true };
}

/** Sources with an enabled policy: their policies' schedules and their last successful (non pre-restore) backup. */
export async function sourcesUnderPolicy() {
  return db().dataSource.findMany({
    where: { policies: { some: { enabled: true } } },
    select: {
      id: true, name: true, createdAt: true, atRiskSince: true,
      policies: { where: { enabled: true }, select: { cron: true, timezone: true, rpoMinutes: true, createdAt: true } },
      backupSets: { where: { status: "COMPLETED", preRestore: false }, orderBy: { consistentAt: "desc" }, take: 1, select: { consistentAt: true } },
    },
  });
}

export async function sourceName(id: string): Promise<{ id: string; name: string } | null> {
  return db().dataSource.findUnique({ where: { id }, select: { id: true, name: true } });
}

export async function sourceIdsUsingStorage(storageTargetId: string): Promise<string[]> {
  const rows = await db().dataSource.findMany({ where: { storageTargetId }, select: { id: true } });
  return rows.map((r) => r.id);
}
