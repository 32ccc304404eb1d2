// Data sources: registration (with the connection encrypted) and listing without secrets.
import { decryptJson, encryptJson } from "../secrets";
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
  const source = await db().dataSource.create({ data: sourceRow(input) });
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

// ── Sources page, forms and deletion ────────────────────────────────────────────────────────────────────────────

export interface SourceHealthInput {
  id: string;
  name: string;
  engine: Engine;
  displayTarget: string;
  demo: boolean;
  atRiskSince: Date | null;
  storageTarget: { id: string; name: string } | null;
  policies: { cron: string; timezone: string; rpoMinutes: number | null; createdAt: Date }[];
  lastBackupAt: Date | null;
  backupCount: number;
  storedBytes: number;
}

/** Every source with what its health needs; two aggregates over all backup sets, so it stays fast with thousands. */
export async function listSourcesWithHealth(): Promise<SourceHealthInput[]> {
  const [sources, last, totals] = await Promise.all([
    db().dataSource.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true, name: true, engine: true, displayTarget: true, demo: true, atRiskSince: true,
        storageTarget: { select: { id: true, name: true } },
        policies: { where: { enabled: true }, select: { cron: true, timezone: true, rpoMinutes: true, createdAt: true } },
      },
    }),
    db().backupSet.groupBy({ by: ["sourceId"], where: { status: "COMPLETED", preRestore: false }, _max: { consistentAt: true } }),
    db().backupSet.groupBy({ by: ["sourceId"], where: { status: "COMPLETED" }, _sum: { storedBytes: true }, _count: { _all: true } }),
  ]);
  const lastBy = new Map(last.map((r) => [r.sourceId, r._max.consistentAt]));
  const totalBy = new Map(totals.map((r) => [r.sourceId, r]));
  return sources.map((s) => ({
    ...s,
    lastBackupAt: lastBy.get(s.id) ?? null,
    backupCount: totalBy.get(s.id)?._count._all ?? 0,
    storedBytes: Number(totalBy.get(s.id)?._sum.storedBytes ?? 0),
  }));
}

/** One source for its page: no secrets. */
export async function getSourceSummary(id: string): Promise<SourceHealthInput | null> {
  // Three reads side by side: the page's first paint waits for the slowest, not their sum.
  const [s, last, totals] = await Promise.all([
    db().dataSource.findUnique({
      where: { id },
      select: {
        id: true, name: true, engine: true, displayTarget: true, demo: true, atRiskSince: true,
        storageTarget: { select: { id: true, name: true } },
        policies: { where: { enabled: true }, select: { cron: true, timezone: true, rpoMinutes: true, createdAt: true } },
      },
    }),
    db().backupSet.aggregate({ where: { sourceId: id, status: "COMPLETED", preRestore: false }, _max: { consistentAt: true } }),
    db().backupSet.aggregate({ where: { sourceId: id, status: "COMPLETED" }, _sum: { storedBytes: true }, _count: { _all: true } }),
  ]);
  if (!s) return null;
  return { ...s, lastBackupAt: last._max.consistentAt, backupCount: totals._count._all, storedBytes: Number(totals._sum.storedBytes ?? 0) };
}

/** The decrypted URL of a source: for the server side of the edit form (keeping the password) and connection tests. */
export async function sourceUrl(id: string): Promise<{ name: string; engine: Engine; url: string; storageTargetId: string | null } | null> {
  const s = await db().dataSource.findUnique({ where: { id }, select: { name: true, engine: true, connectionEnc: true, storageTargetId: true } });
  if (!s) return null;
  return { name: s.name, engine: s.engine, url: decryptJson<{ url: string }>(s.connectionEnc).url, storageTargetId: s.storageTargetId };
}

export async function sourceNameTaken(name: string, exceptId?: string): Promise<boolean> {
  const s = await db().dataSource.findUnique({ where: { name }, select: { id: true } });
  return Boolean(s && s.id !== exceptId);
}

/** The row of a new source; the connection URL (with its password) is stored encrypted only. */
function sourceRow(input: NewSource) {
  return {
    name: input.name,
    engine: input.engine,
    connectionEnc: encryptJson({ url: input.url }),
    displayTarget: input.displayTarget,
    storageTargetId: input.storageTargetId ?? null,
    demo: input.demo ?? false,
    createdById: input.createdById ?? null,
  };
}

export async function createSource(input: NewSource) {
  return db().dataSource.create({ data: sourceRow(input), select: { id: true, name: true } });
}

export async function updateSource(id: string, input: { name: string; url: string; displayTarget: string; storageTargetId: string | null }) {
  return db().dataSource.update({
    where: { id },
    data: { name: input.name, connectionEnc: encryptJson({ url: input.url }), displayTarget: input.displayTarget, storageTargetId: input.storageTargetId },
    select: { id: true, name: true },
  });
}

/** What deleting a source takes with it: its catalog rows (backup sets cascade) — the repository keeps the snapshots. */
export async function sourceDeletionImpact(id: string) {
  const [sets, policies, active, drills] = await Promise.all([
    db().backupSet.aggregate({ where: { sourceId: id }, _count: { _all: true }, _sum: { storedBytes: true } }),
    db().policy.count({ where: { sourceId: id } }),
    db().job.count({ where: { sourceId: id, status: { in: ["QUEUED", "RUNNING"] } } }),
    // Other sources' policies whose drills run on this source's server: the deletion waits until they drill elsewhere.
    db().policy.findMany({ where: { drillOnSourceId: id, sourceId: { not: id } }, select: { name: true, source: { select: { name: true } } }, orderBy: { name: "asc" } }),
  ]);
  const drillHostOf = drills.map((p) => `${p.name} (${p.source.name})`);
  return { backupSets: sets._count._all, storedBytes: Number(sets._sum.storedBytes ?? 0), policies, activeJobs: active, drillHostOf };
}

export async function deleteSource(id: string) {
  await db().dataSource.delete({ where: { id } });
}

export async function hasFullBackup(sourceId: string): Promise<boolean> {
  return (await db().backupSet.count({ where: { sourceId, type: "FULL", status: "COMPLETED" }, take: 1 })) > 0;
}
