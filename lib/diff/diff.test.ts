// diffSnapshots against snapshots made by backup() from the in-memory connector into a temp local repository.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backup } from "../backup/backup";
import { fakeConnector, fakeTable, type FakeServer } from "../backup/fake-connector";
import type { ColumnInfo, Connector, SchemaObject } from "../engine/types";
import { DEFAULT_CHUNKER } from "../repository/chunker";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { diffSnapshots } from "./diff";

// Small chunks so a few thousand rows make dozens of chunks.
const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 2048, avgSize: 8192, maxSize: 32768 };
const SOURCE = { identity: "fake://db", database: "db" };

let dir: string;
let server: FakeServer;
let repo: Repository;
let extraSchema: SchemaObject[] = [];

const makeRows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `${from + i}\tcustomer ${from + i} ${"x".repeat((i * 37) % 60)}`);
const db = () => server.get("db")!;
const rowsOf = (name: string) => db().get(`public.${name}`)!.rows;

function customTable(name: string, columns: string[], keyColumns: string[], rows: string[]) {
  const cols: ColumnInfo[] = columns.map((c) => ({ name: c, type: "text", nullable: true }));
  return { shape: { ref: { schema: "public", name }, columns: cols, keyColumns, rowEstimate: rows.length, bytesEstimate: 0 }, rows };
}

/** The fake connector, with extra schema objects (indexes) the test can change between backups. */
function connector(): Connector {
  const c = fakeConnector(server, "db");
  return {
    ...c,
    async openSnapshot(o) {
      const r = await c.openSnapshot(o);
      const objects = [...extraSchema];
      return { ...r, schema: async () => ({ objects: [...(await r.schema()).objects, ...objects] }) };
    },
  };
}
const snap = async () => (await backup({ connector: connector(), repo, type: "incremental", source: SOURCE })).manifest.id;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-diff-"));
  repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
  extraSchema = [];
  server = new Map([["db", new Map([["public.orders", fakeTable("orders", makeRows(6000))], ["public.notes", fakeTable("notes", makeRows(300))]])]]);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

const table = (d: Awaited<ReturnType<typeof diffSnapshots>>, name: string) => d.tables.find((t) => t.table === `public.${name}`)!;

describe("diffSnapshots rows", () => {
  it("counts an insert, a delete and an update of one column, with old → new samples", async () => {
    const a = await snap();
    const rows = rowsOf("orders");
    rows[3000] = "3000\tchanged";
    rows.splice(10, 1);
    rows.push("6000\tnew one");
    const d = await diffSnapshots(repo, a, await snap());
    const t = table(d, "orders");
    expect(t).toMatchObject({ status: "changed", comparedBy: "key", rowsAdded: 1, rowsRemoved: 1, rowsChanged: 1, changedColumns: { body: 1 } });
    expect(t.samples.added).toEqual([{ key: { id: "6000" }, values: { id: "6000", body: "new one" }, count: 1 }]);
    expect(t.samples.removed[0].key).toEqual({ id: "10" });
    expect(t.samples.changed).toEqual([{ key: { id: "3000" }, changes: [{ column: "body", from: makeRows(1, 3000)[0].split("\t")[1], to: "changed" }] }]);
    expect(table(d, "notes")).toMatchObject({ status: "unchanged", chunksRead: 0, rowsAdded: 0 });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it("a primary key change is one row removed and one added", async () => {
    const a = await snap();
    const rows = rowsOf("notes");
    const body = rows[5].split("\t")[1];
    rows.splice(5, 1);
    rows.push(`7000\t${body}`);
    const t = table(await diffSnapshots(repo, a, await snap()), "notes");
    expect(t).toMatchObject({ rowsAdded: 1, rowsRemoved: 1, rowsChanged: 0 });
    expect(t.samples.removed[0].key).toEqual({ id: "5" });
    expect(t.samples.added[0].key).toEqual({ id: "7000" });
  });

  it("keeps NULL distinct from the empty string", async () => {
    db().set("public.n", fakeTable("n", ["1\t\\N", "2\t", "3\tx"]));
    const a = await snap();
    db().set("public.n", fakeTable("n", ["1\t", "2\t\\N", "3\tx"]));
    const t = table(await diffSnapshots(repo, a, await snap()), "n");
    expect(t.rowsChanged).toBe(2);
    expect(t.samples.changed).toEqual([
      { key: { id: "1" }, changes: [{ column: "body", from: null, to: "" }] },
      { key: { id: "2" }, changes: [{ column: "body", from: "", to: null }] },
    ]);
  });

  it("reports a table added and a table dropped", async () => {
    const a = await snap();
    db().delete("public.notes");
    db().set("public.extra", fakeTable("extra", makeRows(50)));
    const d = await diffSnapshots(repo, a, await snap(), { sampleSize: 3 });
    expect(table(d, "notes")).toMatchObject({ status: "removed", rowsRemoved: 300 });
    const extra = table(d, "extra");
    expect(extra).toMatchObject({ status: "added", rowsAdded: 50 });
    expect(extra.samples.added.map((r) => r.key.id)).toEqual(["0", "1", "2"]);
    expect(d.schema.map((s) => [s.name, s.change])).toEqual([
      ["notes", "removed"],
      ["extra", "added"],
    ]);
  });

  it("compares rows on the common columns when a column is added and one dropped", async () => {
    db().set("public.c", customTable("c", ["id", "a", "b"], ["id"], ["1\tx\tb1", "2\ty\tb2"]));
    const a = await snap();
    db().set("public.c", customTable("c", ["id", "a", "z"], ["id"], ["1\tx\tz1", "2\tY\tz2"]));
    const t = table(await diffSnapshots(repo, a, await snap()), "c");
    expect(t).toMatchObject({ status: "changed", rowsChanged: 1, rowsAdded: 0, rowsRemoved: 0, comparedColumns: ["id", "a"] });
    expect(t.columns).toEqual({ added: ["z"], removed: ["b"], retyped: [] });
    expect(t.samples.changed[0]).toEqual({ key: { id: "2" }, changes: [{ column: "a", from: "y", to: "Y" }] });
    expect(t.notes.join(" ")).toMatch(/compared on the 2 columns/);
  });

  it("falls back to a multiset when the primary key itself is redefined, and reports a retyped column", async () => {
    db().set("public.k", customTable("k", ["id", "v"], ["id"], ["1\tb", "2\ta"]));
    const a = await snap();
    const t2 = customTable("k", ["id", "v"], ["v"], ["2\ta", "1\tb", "3\tc"]);
    t2.shape.columns[1].type = "varchar(10)";
    db().set("public.k", t2);
    const t = table(await diffSnapshots(repo, a, await snap()), "k");
    expect(t).toMatchObject({ comparedBy: "multiset", rowsAdded: 1, rowsRemoved: 0, rowsChanged: 0 });
    expect(t.columns?.retyped).toEqual([{ name: "v", from: "text", to: "varchar(10)" }]);
    expect(t.notes.join(" ")).toMatch(/primary key changed/);
  });

  it("compares a table without a primary key as a multiset, duplicates included", async () => {
    db().set("public.log", customTable("log", ["line"], [], ["a", "a", "b"]));
    const a = await snap();
    db().set("public.log", customTable("log", ["line"], [], ["a", "b", "b", "c"]));
    const t = table(await diffSnapshots(repo, a, await snap()), "log");
    expect(t).toMatchObject({ comparedBy: "multiset", rowsRemoved: 1, rowsAdded: 2, rowsChanged: 0 });
    expect(t.samples.removed).toEqual([{ key: { line: "a" }, values: { line: "a" }, count: 1 }]);
    expect(t.samples.added.map((r) => r.values.line)).toEqual(["b", "c"]);
  });
});

describe("diffSnapshots schema", () => {
  it("shows a changed index as a line diff of its DDL", async () => {
    const index = (ddl: string): SchemaObject => ({ kind: "index", schema: "public", name: "orders_body", table: "orders", phase: "post-data", ddl });
    extraSchema = [index("CREATE INDEX orders_body\nON public.orders (body)")];
    const a = await snap();
    extraSchema = [index("CREATE INDEX orders_body\nON public.orders (body, id)")];
    const d = await diffSnapshots(repo, a, await snap());
    expect(d.schema).toEqual([
      { kind: "index", schema: "public", name: "orders_body", table: "public.orders", change: "changed", diff: " CREATE INDEX orders_body\n-ON public.orders (body)\n+ON public.orders (body, id)" },
    ]);
    expect(d.tables.every((t) => t.status === "unchanged" && t.chunksRead === 0)).toBe(true);
  });
});

describe("fast path", () => {
  it("reads only the chunks around one changed row of a large table, and nothing of unchanged tables", async () => {
    const a = await snap();
    rowsOf("orders")[4321] = "4321\tedited";
    const b = await snap();
    const read = vi.spyOn(repo, "readChunkWithDepth");
    const stored = vi.spyOn(repo, "readChunkStored");
    const d = await diffSnapshots(repo, a, b);
    const orders = table(d, "orders");
    expect(orders.chunksSkipped + orders.chunksRead).toBeGreaterThan(40);
    expect(orders).toMatchObject({ rowsChanged: 1, rowsAdded: 0, rowsRemoved: 0 });
    // The changed chunk's delta (read as stored) and the older chunk it was made from; nothing else.
    expect(orders.chunksRead).toBeGreaterThanOrEqual(2);
    expect(orders.chunksRead).toBeLessThanOrEqual(4);
    expect(read.mock.calls.length + stored.mock.calls.length).toBeGreaterThanOrEqual(orders.chunksRead);
    expect([...read.mock.calls, ...stored.mock.calls].every(([, ctx]) => ctx?.table === "public.orders")).toBe(true);
    expect(table(d, "notes").chunksRead).toBe(0);
  });

  it("finds scattered edits and an insert run without reading aligned chunks", async () => {
    const a = await snap();
    const rows = rowsOf("orders");
    rows[100] = "100\tone";
    rows[5000] = "5000\ttwo";
    rows.splice(2000, 0, ...Array.from({ length: 40 }, (_, i) => `1999.${i}\tinserted`));
    const read = vi.spyOn(repo, "readChunkWithDepth");
    const t = table(await diffSnapshots(repo, a, await snap()), "orders");
    expect(t).toMatchObject({ rowsChanged: 2, rowsAdded: 40, rowsRemoved: 0 });
    // Three changed places, each one or two chunks per side.
    expect(t.chunksRead).toBeLessThanOrEqual(8);
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(t.chunksRead);
    expect(t.chunksSkipped).toBeGreaterThan(40);
  });
});

describe("delta path", () => {
  /** Ground truth from the row arrays themselves: key → body. */
  function naive(before: string[], after: string[]) {
    const a = new Map(before.map((r) => [r.split("\t")[0], r]));
    const b = new Map(after.map((r) => [r.split("\t")[0], r]));
    let added = 0;
    let removed = 0;
    let changed = 0;
    for (const [k, r] of b) if (!a.has(k)) added++;
    else if (a.get(k) !== r) changed++;
    for (const k of a.keys()) if (!b.has(k)) removed++;
    return { rowsAdded: added, rowsRemoved: removed, rowsChanged: changed };
  }

  it.each([
    ["incremental (changed chunks stored as deltas)", "incremental"],
    ["full (every chunk stored whole)", "full"],
  ] as const)("agrees with a naive diff after scattered edits, %s", async (_, type) => {
    const a = await snap();
    const before = [...rowsOf("orders")];
    const rows = rowsOf("orders");
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let e = 0; e < 120; e++) {
      const i = rand(rows.length);
      const what = rand(3);
      if (what === 0) rows[i] = `${rows[i].split("\t")[0]}\tedit ${e}`;
      else if (what === 1) rows.splice(i, 1);
      else rows.splice(i, 0, `${rows[i].split("\t")[0]}.${e}\tinserted ${e}`);
    }
    const b = (await backup({ connector: connector(), repo, type, source: SOURCE })).manifest.id;
    const t = table(await diffSnapshots(repo, a, b), "orders");
    expect({ rowsAdded: t.rowsAdded, rowsRemoved: t.rowsRemoved, rowsChanged: t.rowsChanged }).toEqual(naive(before, rows));
  });
});
