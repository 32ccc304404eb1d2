// The constructed cases on real PostgreSQL, MariaDB and SQLite: insert, delete, update of one column, a
// primary key change, NULL ↔ empty string, a table added and one dropped, columns added/dropped/retyped, an index
// changed, a keyless table with duplicate rows. Each engine is checked snapshot vs snapshot and snapshot vs live,
// and a restore preview's counts are checked against what the restore then actually changed.
import fs from "node:fs/promises";
import { DatabaseSync } from "node:sqlite";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMysqlDatabase, createPgDatabase, mysqlExec, pgRows } from "../../test/support/databases";
import { backup } from "../backup/backup";
import { restore } from "../backup/restore";
import { connectorFor, sourceOf } from "../engine/connect";
import { DEFAULT_CHUNKER } from "../repository/chunker";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { diffSnapshots } from "./diff";
import { diffLive } from "./live";
import { previewFromDiff } from "./preview";
import type { SnapshotDiff, TableDiff } from "./types";

// Small chunks: 3 000 rows make dozens, so the fast path has something to skip.
const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 2048, avgSize: 8192, maxSize: 32768 };

interface Engine {
  name: string;
  create(): Promise<{ url: string; exec: (sql: string) => Promise<unknown>; drop: () => Promise<void> }>;
  dropIndex: string;
  deleteOneDuplicate: string;
  reshape: string;
  /** SQLite streams a keyless table's rowid as its key (restores keep rowids), so only there it is not a multiset. */
  keyless: "multiset" | "key";
}

const ENGINES: Engine[] = [
  {
    name: "PostgreSQL",
    async create() {
      const db = await createPgDatabase("tm_diff");
      return { url: db.url, exec: (sql) => pgRows(db.url, sql), drop: db.drop };
    },
    dropIndex: "DROP INDEX items_name_idx",
    deleteOneDuplicate: "DELETE FROM log WHERE ctid = (SELECT ctid FROM log WHERE line = 'a' LIMIT 1)",
    reshape: "ALTER TABLE shape ADD COLUMN d INT, DROP COLUMN b, ALTER COLUMN a TYPE BIGINT",
    keyless: "multiset",
  },
  {
    name: "MariaDB",
    async create() {
      const db = await createMysqlDatabase("tm_diff");
      return { url: db.url, exec: (sql) => mysqlExec(sql, db.name), drop: db.drop };
    },
    dropIndex: "DROP INDEX items_name_idx ON items",
    deleteOneDuplicate: "DELETE FROM log WHERE line = 'a' LIMIT 1",
    reshape: "ALTER TABLE shape ADD COLUMN d INT, DROP COLUMN b, MODIFY a BIGINT",
    keyless: "multiset",
  },
  {
    name: "SQLite",
    async create() {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-diff-lite-"));
      const file = path.join(dir, "shop.db");
      const exec = async (sql: string) => {
        const db = new DatabaseSync(file);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      };
      await exec("PRAGMA journal_mode = WAL");
      return { url: `sqlite:${file}`, exec, drop: () => fs.rm(dir, { recursive: true, force: true }) };
    },
    dropIndex: "DROP INDEX items_name_idx",
    deleteOneDuplicate: "DELETE FROM log WHERE rowid = (SELECT rowid FROM log WHERE line = 'a' LIMIT 1)",
    reshape: `CREATE TABLE shape2 (id INT PRIMARY KEY, a BIGINT, c VARCHAR(10), d INT);
      INSERT INTO shape2 SELECT id, a, c, NULL FROM shape; DROP TABLE shape; ALTER TABLE shape2 RENAME TO shape`,
    keyless: "key",
  },
];

const itemRows = Array.from({ length: 3000 }, (_, i) => {
  const id = i + 1;
  const note = id === 30 ? "NULL" : id === 31 ? "''" : `'${"note ".repeat(id % 9)}${id}'`;
  return `(${id}, 'name ${id}', ${note})`;
}).join(",\n");

const BASE = `
CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50), note TEXT);
CREATE INDEX items_name_idx ON items (name);
CREATE TABLE log (line VARCHAR(20), n INT);
CREATE TABLE gone (id INT PRIMARY KEY, v TEXT);
CREATE TABLE shape (id INT PRIMARY KEY, a INT, b TEXT, c VARCHAR(10));
INSERT INTO items (id, name, note) VALUES ${itemRows};
INSERT INTO log VALUES ('a', 1), ('a', 1), ('a', 1), ('b', 2);
INSERT INTO gone VALUES (1, 'x'), (2, 'y'), (3, 'z');
INSERT INTO shape VALUES (1, 10, 'b1', 'c1'), (2, 20, 'b2', 'c2');
`;

const mutations = (e: Engine) => [
  "INSERT INTO items VALUES (100001, 'new', 'fresh row')",
  "DELETE FROM items WHERE id = 5",
  "UPDATE items SET name = 'changed' WHERE id = 10",
  "UPDATE items SET id = 200000 WHERE id = 20",
  "UPDATE items SET note = '' WHERE id = 30",
  "UPDATE items SET note = NULL WHERE id = 31",
  "UPDATE items SET note = 'middle' WHERE id = 1500",
  "CREATE TABLE fresh (id INT PRIMARY KEY, v TEXT)",
  "INSERT INTO fresh VALUES (1, 'a'), (2, 'b')",
  "DROP TABLE gone",
  e.dropIndex,
  "CREATE INDEX items_name_idx ON items (name, id)",
  e.deleteOneDuplicate,
  "INSERT INTO log VALUES ('b', 2)",
  e.reshape,
];

const named = (d: SnapshotDiff, name: string): TableDiff => {
  const t = d.tables.find((x) => x.table === name || x.table.endsWith(`.${name}`));
  if (!t) throw new Error(`no table ${name} in ${d.tables.map((x) => x.table).join(", ")}`);
  return t;
};
const counts = (t: TableDiff) => [t.rowsAdded, t.rowsRemoved, t.rowsChanged];

/** Snapshot A → the mutated database (as snapshot B, or live): what every case must show. */
function expectCases(d: SnapshotDiff, e: Engine) {
  const items = named(d, "items");
  expect(items).toMatchObject({ status: "changed", comparedBy: "key", rowsAdded: 2, rowsRemoved: 2, rowsChanged: 4, changedColumns: { name: 1, note: 3 } });
  expect(items.chunksSkipped).toBeGreaterThan(0);
  const changed = Object.fromEntries(items.samples.changed.map((c) => [c.key.id, c.changes]));
  expect(changed["10"]).toEqual([{ column: "name", from: "name 10", to: "changed" }]);
  expect(changed["30"]).toEqual([{ column: "note", from: null, to: "" }]);
  expect(changed["31"]).toEqual([{ column: "note", from: "", to: null }]);
  expect(items.samples.added.map((r) => r.key.id).sort()).toEqual(["100001", "200000"]);
  expect(items.samples.removed.map((r) => r.key.id).sort()).toEqual(["20", "5"]);
  expect(items.samples.added.find((r) => r.key.id === "200000")?.values.name).toBe("name 20");

  // One of three identical rows deleted, a duplicate of another added.
  expect(named(d, "log")).toMatchObject({ comparedBy: e.keyless, rowsAdded: 1, rowsRemoved: 1, rowsChanged: 0 });
  expect(named(d, "log").samples.removed[0]).toMatchObject({ values: { line: "a", n: "1" }, count: 1 });
  expect(named(d, "log").samples.added[0]).toMatchObject({ values: { line: "b", n: "2" }, count: 1 });
  expect(named(d, "fresh")).toMatchObject({ status: "added", rowsAdded: 2 });
  expect(named(d, "gone")).toMatchObject({ status: "removed", rowsRemoved: 3 });

  const shape = named(d, "shape");
  expect(shape.columns?.added).toEqual(["d"]);
  expect(shape.columns?.removed).toEqual(["b"]);
  expect(shape.columns?.retyped.map((r) => r.name)).toEqual(["a"]);
  expect(counts(shape)).toEqual([0, 0, 0]);

  // The index: its own object where the engine has one, a line of the table's DDL where it does not (MySQL).
  const index = d.schema.find((s) => s.change === "changed" && (s.name === "items_name_idx" || s.diff.includes("items_name_idx")));
  expect(index?.diff).toMatch(/^-.*items_name_idx/m);
  expect(index?.diff).toMatch(/^\+.*items_name_idx.*id/m);
  expect(d.schema.some((s) => s.kind === "table" && s.name === "fresh" && s.change === "added")).toBe(true);
  expect(d.schema.some((s) => s.kind === "table" && s.name === "gone" && s.change === "removed")).toBe(true);
}

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => {});
});

describe.each(ENGINES)("diff on $name", (engine) => {
  it("shows every constructed case, snapshot vs snapshot and vs live, and a restore changes what its preview said", async () => {
    const db = await engine.create();
    cleanups.push(db.drop);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-diff-repo-"));
    cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
    const repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
    const connector = connectorFor(db.url);
    cleanups.push(() => connector.close());
    const snap = async () => (await backup({ connector, repo, type: "incremental", source: sourceOf(db.url) })).manifest.id;

    await db.exec(BASE);
    const a = await snap();
    for (const sql of mutations(engine)) await db.exec(sql);
    const b = await snap();

    expectCases(await diffSnapshots(repo, a, b), engine);
    const live = await diffLive(repo, a, connector);
    expect(live.to).toBe("live");
    expectCases(live, engine);
    // Nothing changed since b: the live database equals it, every chunk skipped.
    const same = await diffLive(repo, b, connector);
    expect(same.tables.every((t) => t.status === "unchanged" && t.chunksRead === 0)).toBe(true);
    expect(same.schema).toEqual([]);

    // Restoring a in place: the preview (live → a) must be exactly what the restore then does (b → live after).
    const preview = await diffLive(repo, a, connector, { direction: "live-to-snapshot" });
    expect(counts(named(preview, "items"))).toEqual([2, 2, 4]);
    const summary = previewFromDiff(preview, "Replaces the whole database").summary.join("\n");
    expect(summary).toMatch(/items: 2 rows deleted, 2 inserted, 4 updated/);
    const restored = await restore({ repo, snapshotId: a, connector, target: { mode: "replace", database: sourceOf(db.url).database } });
    expect(restored.verified).toBe(true);
    const after = await diffLive(repo, b, connector);
    const effect = (d: SnapshotDiff) => Object.fromEntries(d.tables.filter((t) => t.status !== "unchanged").map((t) => [t.table.replace(/^.*\./, ""), [t.status, ...counts(t)]]));
    expect(effect(after)).toEqual(effect(preview));
    expect(Object.keys(effect(after)).sort()).toEqual(["fresh", "gone", "items", "log", "shape"]);
  }, 120_000);
});
