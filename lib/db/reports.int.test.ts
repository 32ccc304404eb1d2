// The overview's and reports' SQL aggregates, and the jobs list's keyset pages, against a real metadata database.
import { beforeAll, describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { db } from "./client";
import type { BackupStatus, JobKind, JobStatus } from "./generated/client";
import { listJobsPage } from "./jobs";
import { dailyBackupOutcomes, drillRtoTrend, failedDrillCount, recentBackupDurations, storageOverTime } from "./overview";
import { retentionCoverage, weeklyBackupSuccess } from "./reports";

withMetadataDatabase();

const now = new Date("2026-11-21T12:00:00Z");
const ids = { a: "", b: "", target: "" };
let snap = 0;

async function backupSet(sourceId: string, at: string, opts: { status?: BackupStatus; preRestore?: boolean; logical?: number; stored?: number; durationMs?: number } = {}) {
  await db().backupSet.create({
    data: {
      sourceId, storageTargetId: ids.target, snapshotId: `snap${++snap}`, type: "FULL", status: opts.status ?? "COMPLETED",
      consistentAt: new Date(at), startedAt: new Date(at), durationMs: opts.durationMs ?? 1000,
      logicalBytes: BigInt(opts.logical ?? 1000), storedBytes: BigInt(opts.stored ?? 100), preRestore: opts.preRestore ?? false,
    },
  });
}

async function job(kind: JobKind, status: JobStatus, sourceId: string | null, at: string, result?: object) {
  return db().job.create({ data: { kind, status, sourceId, createdAt: new Date(at), finishedAt: new Date(at), result: result ?? undefined } });
}

beforeAll(async () => {
  ids.target = (await db().storageTarget.create({ data: { name: "local", kind: "LOCAL", location: "/tmp/x", configEnc: "x", passphraseEnc: "x" } })).id;
  ids.a = (await db().dataSource.create({ data: { name: "alpha", engine: "POSTGRES", connectionEnc: "x", displayTarget: "h/a", createdAt: new Date("2026-01-01T00:00:00Z") } })).id;
  ids.b = (await db().dataSource.create({ data: { name: "beta, \"the\" second", engine: "MYSQL", connectionEnc: "x", displayTarget: "h/b", createdAt: new Date("2026-11-19T03:00:00Z") } })).id;
  await backupSet(ids.a, "2026-06-01T10:00:00Z", { logical: 5000, stored: 2000, durationMs: 9000 });
  await backupSet(ids.a, "2026-11-20T10:00:00Z", { durationMs: 2000 });
  await backupSet(ids.a, "2026-11-20T20:00:00Z", { durationMs: 3000 });
  await backupSet(ids.a, "2026-11-21T08:00:00Z", { durationMs: 4000 });
  await backupSet(ids.a, "2026-11-21T09:00:00Z", { status: "RUNNING" });
  await backupSet(ids.b, "2026-11-19T05:00:00Z", { preRestore: true, logical: 700, stored: 70 });
  await job("BACKUP", "SUCCEEDED", ids.a, "2026-11-20T10:00:00Z");
  await job("BACKUP", "FAILED", ids.a, "2026-11-20T11:00:00Z");
  await job("BACKUP", "SUCCEEDED", ids.a, "2026-11-10T10:00:00Z");
  await job("BACKUP", "CANCELLED", ids.b, "2026-11-21T01:00:00Z");
  await job("BACKUP", "SUCCEEDED", ids.a, "2026-08-01T10:00:00Z");
  await job("RESTORE", "FAILED", ids.a, "2026-11-20T12:00:00Z");
  await job("DRILL", "SUCCEEDED", ids.a, "2026-11-18T10:00:00Z", { rtoMs: 1234, verified: true });
  await job("DRILL", "FAILED", ids.a, "2026-11-19T10:00:00Z", { rtoMs: 99 });
});

describe("overview aggregates", () => {
  it("counts backup outcomes per UTC day, with empty days as zeros and other kinds left out", async () => {
    const days = await dailyBackupOutcomes(30, now);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: "2026-11-21", succeeded: 0, failed: 0 });
    expect(days.find((d) => d.day === "2026-11-20")).toEqual({ day: "2026-11-20", succeeded: 1, failed: 1 });
    expect(days.find((d) => d.day === "2026-11-10")).toEqual({ day: "2026-11-10", succeeded: 1, failed: 0 });
    expect(days.reduce((n, d) => n + d.succeeded + d.failed, 0)).toBe(3);
  });

  it("accumulates logical and stored bytes by day, starting from what was kept before the window", async () => {
    const { points, totalLogical, totalStored } = await storageOverTime(90, now);
    expect(points[0]).toEqual({ day: "2026-08-24", logicalBytes: 5000, storedBytes: 2000 });
    expect(points.find((p) => p.day === "2026-11-19")).toEqual({ day: "2026-11-19", logicalBytes: 5700, storedBytes: 2070 });
    expect(points.at(-1)).toEqual({ day: "2026-11-21", logicalBytes: 8700, storedBytes: 2370 });
    expect([totalLogical, totalStored]).toEqual([8700, 2370]);
  });

  it("keeps the last N completed backups per source for the duration chart, without pre-restore ones", async () => {
    const points = await recentBackupDurations(2);
    expect(points.map((p) => [p.sourceName, p.durationMs])).toEqual([["alpha", 3000], ["alpha", 4000]]);
  });

  it("reads the RTO of successful drills only, and counts the failed ones apart", async () => {
    expect(await drillRtoTrend(90, now)).toEqual([{ sourceId: ids.a, sourceName: "alpha", at: Date.parse("2026-11-18T10:00:00Z"), rtoMs: 1234, verified: true }]);
    expect(await failedDrillCount(90, now)).toBe(1);
  });
});

describe("reports", () => {
  it("counts restore points per source per day over 90 days", async () => {
    const { days, sources } = await retentionCoverage(90, now);
    expect(days).toHaveLength(90);
    const alpha = sources.find((s) => s.sourceName === "alpha")!;
    const beta = sources.find((s) => s.sourceId === ids.b)!;
    expect(alpha.counts.at(-1)).toBe(1);
    expect(alpha.counts.at(-2)).toBe(2);
    expect(alpha.counts.reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(3);
    expect(alpha.counts.every((n) => n !== null)).toBe(true);
    // Days before beta was registered are unknown, not gaps; from its first day on, empty days are zeros.
    expect(beta.counts.slice(-4)).toEqual([null, 1, 0, 0]);
  });

  it("groups backup outcomes per source and Monday-based week", async () => {
    const rows = await weeklyBackupSuccess(12, now);
    expect(rows).toEqual([
      { sourceId: ids.a, sourceName: "alpha", week: "2026-11-16", succeeded: 1, failed: 1, cancelled: 0 },
      { sourceId: ids.b, sourceName: 'beta, "the" second', week: "2026-11-16", succeeded: 0, failed: 0, cancelled: 1 },
      { sourceId: ids.a, sourceName: "alpha", week: "2026-11-09", succeeded: 1, failed: 0, cancelled: 0 },
    ]);
  });
});

describe("jobs list pages", () => {
  it("walks every job once, newest first, two at a time", async () => {
    const seen: string[] = [];
    let cursor = null;
    do {
      const page: Awaited<ReturnType<typeof listJobsPage>> = await listJobsPage({}, cursor, 2);
      seen.push(...page.jobs.map((j) => j.createdAt.toISOString()));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it("filters by kind, status, source and a time range", async () => {
    expect((await listJobsPage({ status: "FAILED" }, null)).jobs.map((j) => j.kind).sort()).toEqual(["BACKUP", "DRILL", "RESTORE"]);
    expect((await listJobsPage({ kind: "BACKUP", sourceId: ids.b }, null)).jobs).toHaveLength(1);
    const range = await listJobsPage({ kind: "BACKUP", from: new Date("2026-11-20T00:00:00Z"), to: new Date("2026-11-21T00:00:00Z") }, null);
    expect(range.jobs.map((j) => j.status).sort()).toEqual(["FAILED", "SUCCEEDED"]);
  });
});
