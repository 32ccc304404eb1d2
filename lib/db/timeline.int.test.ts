// The timeline's window queries and the sources/storage health aggregates, on the seed script's rows in a real database.
import { beforeAll, describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { bucketMs, MAX_POINTS, windowFor } from "../../components/timeline/scale";
import { db } from "./client";
import { seedBackups, type SeedResult } from "./seed-backups";
import { listSourcesWithHealth, sourceDeletionImpact } from "./sources";
import { listStorageUsage } from "./storage";
import { copiesInWindow, timelineWindow } from "./timeline";

withMetadataDatabase();

const now = new Date("2026-11-21T12:00:00Z");
let seed: SeedResult;

beforeAll(async () => {
  seed = await seedBackups(1200, { name: "seed-test", now, years: 1 });
});

describe("timeline window", () => {
  it("returns each backup of a sparse window, oldest first, with the failed backup jobs as ✕ marks", async () => {
    const w = windowFor("week", now, now);
    const data = await timelineWindow(seed.sourceId, w.from, w.to, { maxPoints: MAX_POINTS, bucketMs: bucketMs(w) });
    expect(data.mode).toBe("points");
    if (data.mode !== "points") return;
    const expectedSets = await db().backupSet.count({ where: { sourceId: seed.sourceId, consistentAt: { gte: w.from, lt: w.to } } });
    const expectedFailed = await db().job.count({ where: { sourceId: seed.sourceId, status: "FAILED", createdAt: { gte: w.from, lt: w.to } } });
    expect(data.points.filter((p) => p.kind === "backup")).toHaveLength(expectedSets);
    expect(data.points.filter((p) => p.kind === "failed-job")).toHaveLength(expectedFailed);
    expect(data.total).toBe(expectedSets + expectedFailed);
    expect(data.points.map((p) => p.at)).toEqual([...data.points.map((p) => p.at)].sort());
    expect(data.points.every((p) => p.at >= w.from.toISOString() && p.at < w.to.toISOString())).toBe(true);
  });

  it("counts a dense window per bucket and type, and the counts add up to every backup in it", async () => {
    const w = windowFor("year", now, now);
    const data = await timelineWindow(seed.sourceId, w.from, w.to, { maxPoints: MAX_POINTS, bucketMs: bucketMs(w) });
    expect(data.mode).toBe("buckets");
    if (data.mode !== "buckets") return;
    const sets = await db().backupSet.groupBy({ by: ["type"], where: { sourceId: seed.sourceId, consistentAt: { gte: w.from, lt: w.to } }, _count: { _all: true } });
    const failedJobs = await db().job.count({ where: { sourceId: seed.sourceId, status: "FAILED", createdAt: { gte: w.from, lt: w.to } } });
    const sum = data.buckets.reduce((n, b) => n + b.count, 0);
    expect(sum).toBe(sets.reduce((n, s) => n + s._count._all, 0) + failedJobs);
    const fulls = data.buckets.filter((b) => b.type === "FULL").reduce((n, b) => n + b.count, 0);
    expect(fulls).toBe(sets.find((s) => s.type === "FULL")?._count._all ?? 0);
    expect(data.buckets.length).toBeLessThanOrEqual(60 * 3);
    for (const b of data.buckets) {
      expect(b.start >= w.from.toISOString() && b.end <= w.to.toISOString()).toBe(true);
      expect(b.failed).toBeLessThanOrEqual(b.count);
    }
  });
});

describe("where backups live", () => {
  it("names the primary target and each copy of the window's backups, and nothing for backups without copies", async () => {
    const w = windowFor("week", now, now);
    const [a, b] = await db().backupSet.findMany({ where: { sourceId: seed.sourceId, consistentAt: { gte: w.from, lt: w.to } }, take: 2, orderBy: { consistentAt: "desc" } });
    const offsite = await db().storageTarget.create({ data: { name: "Offsite", kind: "S3", location: "s3://offsite/x", configEnc: "x", passphraseEnc: "x" } });
    await db().backupCopy.create({ data: { backupSetId: a.id, storageTargetId: offsite.id, status: "COMPLETED", verification: "VERIFIED" } });
    const older = await db().backupSet.findFirst({ where: { sourceId: seed.sourceId, consistentAt: { lt: w.from } } });
    await db().backupCopy.create({ data: { backupSetId: older!.id, storageTargetId: offsite.id, status: "FAILED" } });
    const places = await copiesInWindow(seed.sourceId, w.from, w.to);
    expect(places).toEqual({ [a.id]: ["seed-test storage", "Offsite (copy, verified)"] });
    expect(places[b.id]).toBeUndefined();
  });
});

describe("health aggregates", () => {
  it("lists the seeded source with its last backup, count and stored bytes, and its paused policy gives no schedule", async () => {
    const [row] = (await listSourcesWithHealth()).filter((s) => s.id === seed.sourceId);
    const last = await db().backupSet.findFirst({ where: { sourceId: seed.sourceId }, orderBy: { consistentAt: "desc" } });
    const sum = await db().backupSet.aggregate({ where: { sourceId: seed.sourceId }, _sum: { storedBytes: true, logicalBytes: true } });
    expect(row.lastBackupAt?.toISOString()).toBe(last?.consistentAt?.toISOString());
    expect(row.backupCount).toBe(1200);
    expect(row.storedBytes).toBe(Number(sum._sum.storedBytes));
    expect(row.policies).toEqual([]);

    const [target] = (await listStorageUsage()).filter((t) => t.id === seed.storageTargetId);
    expect(target).toMatchObject({ backupSets: 1200, sources: 1, storedBytes: Number(sum._sum.storedBytes), logicalBytes: Number(sum._sum.logicalBytes) });
    expect(target.logicalBytes / target.storedBytes).toBeGreaterThan(5);
  });

  it("says what deleting the source removes from the catalog", async () => {
    expect(await sourceDeletionImpact(seed.sourceId)).toMatchObject({ backupSets: 1200, policies: 1, activeJobs: 0 });
  });
});
