// Diff jobs end to end on a real worker, pg-boss and PostgreSQL: every row difference stored and paged by keyset
// exactly once, compare with live, and a restore preview whose counts equal what the in-place restore then changed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, type TempPgDatabase, pgRows as sql } from "../../../test/support/databases";
import { withMetadataDatabase } from "../../../test/support/metadata-db";
import { diffRowBySeq, diffRowsPage } from "../../db/diffs";
import { getJob, requestCancel } from "../../db/jobs";
import { createSourceIfMissing } from "../../db/sources";
import { createLocalStorageIfMissing } from "../../db/storage";
import type { ChangedRow, SampleRow } from "../../diff/types";
import { startJob, stopProducer } from "../enqueue";
import { startWorker, type WorkerHandle } from "../worker";
import type { DiffJobResult } from "./diff";

withMetadataDatabase();
let source: TempPgDatabase;
let sourceId: string;
let worker: WorkerHandle;

async function run(kind: "BACKUP" | "RESTORE" | "DIFF", params: Record<string, unknown>) {
  const job = await startJob({ kind, sourceId, params });
  const deadline = Date.now() + 90_000;
  for (;;) {
    const j = await getJob(job.id);
    if (j && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(j.status)) {
      expect(j.error).toBeNull();
      expect(j.status).toBe("SUCCEEDED");
      return j;
    }
    if (Date.now() > deadline) throw new Error(`${kind} job still ${j?.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
async function finished(jobId: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const j = await getJob(jobId);
    if (j && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(j.status)) return j;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${j?.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
const backupSet = async (type: string) => ((await run("BACKUP", { type, verifyAfter: false })).result as { backupSetId: string }).backupSetId;
const diff = async (params: Record<string, unknown>) => {
  const job = await run("DIFF", params);
  return { id: job.id, result: job.result as unknown as DiffJobResult };
};
const items = (r: DiffJobResult) => r.tables.find((t) => t.table === "public.items")!;

async function allRows(jobId: string, kind: "added" | "removed" | "changed", limit: number) {
  const seen: { seq: number; data: SampleRow | ChangedRow }[] = [];
  let after = 0;
  for (;;) {
    const page = await diffRowsPage(jobId, "public.items", kind, after, limit);
    if (!page.length) return seen;
    seen.push(...page.map((p) => ({ seq: p.seq, data: p.data as unknown as SampleRow | ChangedRow })));
    after = page[page.length - 1].seq;
  }
}

beforeAll(async () => {
  worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, workerId: "diff-worker", concurrency: 2, scheduleCheckSeconds: 30 });
  source = await createPgDatabase("tm_diffjob");
  await sql(source.url, `CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL, note text);
    INSERT INTO items SELECT g, 'item ' || g, repeat(md5(g::text), 8) FROM generate_series(1, 5000) g;`);
  const storage = await createLocalStorageIfMissing("diff-store", mkdtempSync(path.join(tmpdir(), "tm-diffjob-")), "diff test passphrase");
  sourceId = (await createSourceIfMissing({ name: "diff-src", engine: "POSTGRES", url: source.url, displayTarget: source.name, storageTargetId: storage.id })).source.id;
}, 120_000);

afterAll(async () => {
  await worker?.stop({ graceful: false });
  await stopProducer();
  await source?.drop();
});

describe("diff jobs", () => {
  let a: string;
  let b: string;

  it("stores every row difference and pages through them by keyset, each exactly once", async () => {
    a = await backupSet("full");
    await sql(source.url, `UPDATE items SET label = label || ' (edited)' WHERE id % 17 = 0;
      DELETE FROM items WHERE id BETWEEN 2001 AND 2050; INSERT INTO items SELECT g, 'new ' || g, NULL FROM generate_series(9001, 9020) g;`);
    b = await backupSet("incremental");
    const { id, result } = await diff({ sourceId, fromBackupSetId: a, to: { backupSetId: b } });
    expect(result.mode).toBe("compare");
    const edited = Math.floor(5000 / 17) - 3; // 2006, 2023, 2040 were deleted
    expect(items(result)).toMatchObject({ rowsAdded: 20, rowsRemoved: 50, rowsChanged: edited, changedColumns: { label: edited } });
    expect(items(result).samples.changed).toHaveLength(20);
    expect(result.capped).toEqual([]);

    const changed = await allRows(id, "changed", 37);
    expect(changed.map((r) => r.seq)).toEqual(Array.from({ length: edited }, (_, i) => i + 1));
    const keys = changed.map((r) => (r.data as ChangedRow).key.id);
    expect(new Set(keys).size).toBe(edited);
    expect(keys.every((k) => Number(k) % 17 === 0)).toBe(true);
    expect((await allRows(id, "removed", 7)).map((r) => (r.data as SampleRow).key.id)).toEqual(Array.from({ length: 50 }, (_, i) => String(2001 + i)));
    expect(await allRows(id, "added", 500)).toHaveLength(20);
    expect(await diffRowBySeq(id, "public.items", "changed", 1)).toMatchObject({ data: { key: { id: "17" }, changes: [{ column: "label", from: "item 17", to: "item 17 (edited)" }] } });
  });

  it("compares a backup with the live database", async () => {
    const [{ note }] = await sql<{ note: string }>(source.url, "SELECT note FROM items WHERE id = 1");
    await sql(source.url, "UPDATE items SET note = NULL WHERE id = 1");
    const { id, result } = await diff({ sourceId, fromBackupSetId: b, to: { live: true } });
    expect(result.to).toBe("live");
    expect(items(result)).toMatchObject({ rowsAdded: 0, rowsRemoved: 0, rowsChanged: 1 });
    expect(items(result).chunksSkipped).toBeGreaterThan(0);
    expect((await allRows(id, "changed", 10)).map((r) => r.data)).toEqual([{ key: { id: "1" }, changes: [{ column: "note", from: note, to: null }] }]);
  });

  it("keeps long sample values short in the job result and whole in the stored rows", async () => {
    const long = "ü".repeat(5000);
    await sql(source.url, `UPDATE items SET label = '${long}' WHERE id = 2`);
    const { id, result } = await diff({ sourceId, fromBackupSetId: b, to: { live: true } });
    const sample = items(result).samples.changed.find((c) => c.key.id === "2")!;
    expect(sample.changes.find((c) => c.column === "label")!.to).toBe(`${"ü".repeat(1024)}…`);
    expect(result.sampleValueLimit).toBe(1024);
    const stored = await allRows(id, "changed", 50);
    const row = stored.find((r) => (r.data as ChangedRow).key.id === "2")!;
    expect((row.data as ChangedRow).changes.find((c) => c.column === "label")!.to).toBe(long);
    await sql(source.url, "UPDATE items SET label = 'item 2' WHERE id = 2");
  });

  it("previews an in-place restore with the counts the restore then really changes", async () => {
    const { result } = await diff({ mode: "restore-preview", backupSetId: a, target: { mode: "replace" } });
    const p = result.preview!.tables.find((t) => t.table === "public.items")!;
    expect(p).toMatchObject({ rowsDeleted: 20, rowsInserted: 50, rowsUpdated: Math.floor(5000 / 17) - 3 + 1 });
    expect(result.preview!.summary.join("\n")).toMatch(/public\.items: 20 rows deleted, 50 inserted, 292 updated/);

    const restored = (await run("RESTORE", { backupSetId: a, mode: "replace" })).result as { preRestore: { backupSetId: string } };
    // What the restore changed: the pre-restore backup (the target before) against the target now.
    const { result: effect } = await diff({ sourceId, fromBackupSetId: restored.preRestore.backupSetId, to: { live: true } });
    expect([items(effect).rowsRemoved, items(effect).rowsAdded, items(effect).rowsChanged]).toEqual([p.rowsDeleted, p.rowsInserted, p.rowsUpdated]);
  });

  it("previews a restore into a new database as every row inserted", async () => {
    const { result } = await diff({ mode: "restore-preview", backupSetId: a, target: { mode: "new", database: "shop_copy" } });
    expect(result.preview!.tables).toEqual([{ table: "public.items", rowsDeleted: 0, rowsInserted: 5000, rowsUpdated: 0, schemaChanges: expect.arrayContaining(["table public.items created"]) }]);
    expect(result.preview!.summary[0]).toMatch(/new database shop_copy: 1 tables, 5 000 rows/);
  });

  it("fails the preview of a restore into a new database that already exists, before anything is promised", async () => {
    const taken = await createPgDatabase("tm_diffjob_taken");
    try {
      const job = await startJob({ kind: "DIFF", sourceId, params: { mode: "restore-preview", backupSetId: a, target: { mode: "new", database: taken.name } } });
      const j = await finished(job.id);
      expect(j.status).toBe("FAILED");
      expect(j.error).toBe(`Database ${taken.name} already exists on ${new URL(source.url).host}: choose another name, or restore in place.`);
      expect(j.result).toBeNull();
    } finally {
      await taken.drop();
    }
  });

  it("stops a running diff on cancel and keeps nothing of it", async () => {
    // Hold the table so the diff is surely still reading it when the cancel arrives.
    const blocker = new pg.Client({ connectionString: source.url });
    await blocker.connect();
    await blocker.query("BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE");
    const job = await startJob({ kind: "DIFF", sourceId, params: { sourceId, fromBackupSetId: a, to: { live: true } } });
    for (let j = await getJob(job.id); j?.status !== "RUNNING"; j = await getJob(job.id)) await new Promise((r) => setTimeout(r, 100));
    await requestCancel(job.id);
    await new Promise((r) => setTimeout(r, 2500)); // one heartbeat: the worker sees the request
    await blocker.query("ROLLBACK");
    await blocker.end();
    for (;;) {
      const j = await getJob(job.id);
      if (j && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(j.status)) {
        expect(j.status).toBe("CANCELLED");
        expect(j.result).toBeNull();
        expect(await diffRowsPage(job.id, "public.items", "changed", 0, 10)).toEqual([]);
        break;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  });

  it("refuses to preview a restore into a database of another engine, naming both", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tm-diffjob-lite-")), "other.db");
    const storage = await createLocalStorageIfMissing("diff-store-lite", mkdtempSync(path.join(tmpdir(), "tm-diffjob-lite-repo-")), "diff test passphrase");
    const lite = (await createSourceIfMissing({ name: "diff-lite", engine: "SQLITE", url: `sqlite:${file}`, displayTarget: file, storageTargetId: storage.id })).source;
    const job = await startJob({ kind: "DIFF", sourceId: lite.id, params: { mode: "restore-preview", backupSetId: a, target: { mode: "replace", targetSourceId: lite.id } } });
    for (;;) {
      const j = await getJob(job.id);
      if (j && ["SUCCEEDED", "FAILED", "CANCELLED"].includes(j.status)) {
        expect(j.status).toBe("FAILED");
        expect(j.error).toBe("diff-lite is a SQLite database; this PostgreSQL backup restores only into PostgreSQL.");
        break;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  });
});
