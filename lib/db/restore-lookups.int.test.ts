// The restore wizard's and compare page's lookups on a real metadata database: same-engine targets with the database
// each points at (credentials never returned), and reuse of an earlier comparison of the same two backups.
import { beforeAll, describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { db } from "./client";
import { restorePoints } from "./backup-sets";
import { compareJobFor, findCompareJob } from "./compare-jobs";
import { restoreTargetSource, restoreTargetSources } from "./restore-targets";
import { createSourceIfMissing } from "./sources";

withMetadataDatabase();

let pgA = "";
let pgB = "";

beforeAll(async () => {
  pgA = (await createSourceIfMissing({ name: "A", engine: "POSTGRES", url: "postgres://backup:s3cret@db-a:5432/shop", displayTarget: "db-a:5432/shop" })).source.id;
  pgB = (await createSourceIfMissing({ name: "B", engine: "POSTGRES", url: "postgres://u:pw@db-b:5433/orders%20eu", displayTarget: "db-b:5433/orders eu" })).source.id;
  await createSourceIfMissing({ name: "C", engine: "SQLITE", url: "sqlite:/data/app.db", displayTarget: "/data/app.db" });
});

describe("restore targets", () => {
  it("lists the sources of one engine with the database each points at, and no credentials", async () => {
    const pg = await restoreTargetSources("POSTGRES");
    expect(pg.map((s) => [s.name, s.database])).toEqual([["A", "shop"], ["B", "orders eu"]]);
    expect(JSON.stringify(pg)).not.toMatch(/s3cret|pw@|connectionEnc/);
    expect((await restoreTargetSources("SQLITE")).map((s) => s.database)).toEqual(["/data/app.db"]);
    expect((await restoreTargetSource(pgB))?.engine).toBe("POSTGRES");
    expect(await restoreTargetSource("nope")).toBeNull();
  });
});

describe("compare job reuse", () => {
  const job = (sourceId: string, status: "QUEUED" | "SUCCEEDED" | "FAILED", params: Record<string, unknown>, createdAt: Date) =>
    db().job.create({ data: { kind: "DIFF", status, sourceId, params: { mode: "compare", sourceId, ...params }, createdAt } });

  it("finds the newest usable comparison of the same pair, never a failed one, another pair's, or a live one", async () => {
    const old = await job(pgA, "SUCCEEDED", { fromBackupSetId: "x", to: { backupSetId: "y" } }, new Date("2026-11-20T10:00:00Z"));
    const newer = await job(pgA, "SUCCEEDED", { fromBackupSetId: "x", to: { backupSetId: "y" } }, new Date("2026-11-21T10:00:00Z"));
    await job(pgA, "FAILED", { fromBackupSetId: "x", to: { backupSetId: "y" } }, new Date("2026-11-21T11:00:00Z"));
    await job(pgA, "SUCCEEDED", { fromBackupSetId: "x", to: { backupSetId: "y" }, tables: ["public.t"] }, new Date("2026-11-21T12:00:00Z"));
    await job(pgB, "SUCCEEDED", { fromBackupSetId: "x", to: { backupSetId: "y" } }, new Date("2026-11-21T13:00:00Z"));
    const live = await job(pgA, "SUCCEEDED", { fromBackupSetId: "x", to: { live: true } }, new Date("2026-11-21T14:00:00Z"));

    expect(await findCompareJob(pgA, "x", "y")).toBe(newer.id);
    expect(await findCompareJob(pgA, "y", "x")).toBeNull();
    expect(await findCompareJob(pgA, "x", "live")).toBeNull();
    // A ?job= in a URL is used only when it is that comparison of that source.
    expect(await compareJobFor(old.id, pgA, "x", "y")).toBe(old.id);
    expect(await compareJobFor(old.id, pgB, "x", "y")).toBeNull();
    expect(await compareJobFor(old.id, pgA, "x", "live")).toBeNull();
    expect(await compareJobFor(live.id, pgA, "x", "live")).toBe(live.id);
  });
});

describe("restore points", () => {
  it("lists the newest completed backups, plus an older one a link names, newest first", async () => {
    const storage = await db().storageTarget.create({ data: { name: "disk", kind: "LOCAL", location: "/tmp/x", configEnc: "-", passphraseEnc: "-" } });
    const make = (i: number, status: "COMPLETED" | "FAILED" = "COMPLETED") =>
      db().backupSet.create({ data: { sourceId: pgA, storageTargetId: storage.id, snapshotId: `snap${i}${status}`, type: "FULL", status, consistentAt: new Date(Date.UTC(2026, 0, i)) } });
    const sets = [];
    for (let i = 1; i <= 5; i++) sets.push(await make(i));
    const failed = await make(6, "FAILED");
    const ids = (p: { id: string }[]) => p.map((x) => x.id);
    expect(ids(await restorePoints(pgA, { limit: 2 }))).toEqual([sets[4].id, sets[3].id]);
    expect(ids(await restorePoints(pgA, { limit: 2, include: [sets[0].id, failed.id, "unknown"] }))).toEqual([sets[4].id, sets[3].id, sets[0].id]);
    expect(await restorePoints(pgB, { include: [sets[0].id] })).toEqual([]);
  });
});
