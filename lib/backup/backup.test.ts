// Backup/restore/verify/export against an in-memory connector: backup types, write order, cancellation.
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER } from "../repository/chunker";
import { chunkKey } from "../repository/chunk-format";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import type { Storage } from "../repository/storage/types";
import { backup } from "./backup";
import { exportSql } from "./export-sql";
import { fakeConnector, fakeTable, type FakeServer } from "./fake-connector";
import { restore } from "./restore";
import { verify } from "./verify";

// Small chunks so a few thousand rows make dozens of chunks.
const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 2048, avgSize: 8192, maxSize: 32768 };
const SOURCE = { identity: "fake://db", database: "db" };

let dir: string;
let server: FakeServer;
let repo: Repository;

const makeRows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `${from + i}\tcustomer ${from + i} ${"x".repeat((i * 37) % 60)}`);

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-backup-"));
  repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
  server = new Map([["db", new Map([["public.orders", fakeTable("orders", makeRows(6000))], ["public.notes", fakeTable("notes", makeRows(300).map((r) => `${r} note`))]])]]);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const db = () => server.get("db")!;
const run = (type: "full" | "incremental" | "differential", extra: object = {}) =>
  backup({ connector: fakeConnector(server, "db"), repo, type, source: SOURCE, ...extra });
const edit = (row: number, text: string) => {
  const t = db().get("public.orders")!;
  t.rows[row] = `${row}\t${text}`;
};
async function restoredRows(snapshot: string, into: string) {
  const result = await restore({ repo, snapshotId: snapshot, connector: fakeConnector(server, "db"), target: { mode: "new", database: into } });
  expect(result.verified).toBe(true);
  return server.get(into)!.get("public.orders")!.rows;
}

describe("backup types store what DESIGN.md says", () => {
  it("full rewrites every chunk even if present; incremental stores only what is new, as small deltas", async () => {
    const f1 = (await run("full")).manifest;
    expect(f1.stats.chunks).toBeGreaterThan(20);
    expect(f1.stats.chunksStored).toBe(f1.stats.chunks);
    const f2 = (await run("full")).manifest;
    expect(f2.stats.chunksStored).toBe(f2.stats.chunks);

    const i0 = (await run("incremental")).manifest;
    expect(i0.stats.chunksStored).toBe(0);
    expect(i0.parent).toBe(f2.id);

    edit(3000, "changed");
    const i1 = (await run("incremental")).manifest;
    expect(i1.stats.chunksStored).toBeGreaterThanOrEqual(1);
    expect(i1.stats.chunksStored).toBeLessThanOrEqual(2);
    expect(i1.stats.deltaChunks).toBe(i1.stats.chunksStored);
    expect(i1.stats.bytesStored).toBeLessThan(f1.stats.bytesStored / 20);
    // Every manifest lists every chunk, stored by it or not.
    expect(i1.tables.map((t) => t.chunks.length)).toEqual(f1.tables.map((t) => t.chunks.length));
    expect(i1.tables[0].rows).toBe(6000);
  });

  it("differential stores every chunk not in the last full, even when an incremental already stored it", async () => {
    const full = (await run("full")).manifest;
    edit(100, "first change");
    const d1 = (await run("differential")).manifest;
    expect(d1.parent).toBe(full.id);
    const changedAfterD1 = d1.stats.chunksStored;
    expect(changedAfterD1).toBeGreaterThanOrEqual(1);
    const i1 = (await run("incremental")).manifest;
    expect(i1.stats.chunksStored).toBe(0);
    edit(5000, "second change");
    const d2 = (await run("differential")).manifest;
    expect(d2.parent).toBe(full.id);
    // Both changes relative to the full, although the first one's chunks were in the repository already.
    expect(d2.stats.chunksStored).toBeGreaterThan(changedAfterD1);
  });

  it("falls back to a full backup when there is nothing to be incremental to", async () => {
    const r = await run("incremental");
    expect(r.manifest.type).toBe("full");
    expect(r.warnings.join()).toMatch(/took a full backup/);
  });
});

describe("restore, verify, export", () => {
  it("restores each snapshot's own state, and every snapshot survives the deletion of any other", async () => {
    const states: string[][] = [];
    const ids: string[] = [];
    const types = ["full", "incremental", "differential", "incremental"] as const;
    for (const [i, type] of types.entries()) {
      if (i > 0) {
        edit(i * 1000, `edit ${i}`);
        db().get("public.orders")!.rows.push(...makeRows(50, 10000 * i));
      }
      states.push([...db().get("public.orders")!.rows]);
      ids.push((await run(type)).manifest.id);
    }
    for (const [i, id] of ids.entries()) expect(await restoredRows(id, `r${i}`)).toEqual(states[i]);
    for (const victim of ids) {
      const copy = await fs.mkdtemp(path.join(os.tmpdir(), "tm-copy-"));
      await fs.cp(dir, copy, { recursive: true });
      const other = await Repository.open(new LocalStorage(copy), "pw");
      await other.deleteSnapshot(victim);
      const result = await verify(other, "all");
      expect(result.ok).toBe(true);
      expect(result.snapshots.length).toBe(ids.length - 1);
      await fs.rm(copy, { recursive: true, force: true });
    }
  });

  it("flipping one byte of a chunk is caught by verify and by restore, naming the table", async () => {
    const m = (await run("full")).manifest;
    const victim = m.tables.find((t) => t.ref.name === "orders")!.chunks[3].id;
    const file = path.join(dir, chunkKey(victim));
    const bytes = await fs.readFile(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x10;
    await fs.writeFile(file, bytes);
    const fresh = await Repository.open(new LocalStorage(dir), "pw");
    const v = await verify(fresh, m.id);
    expect(v.ok).toBe(false);
    expect(v.problems).toHaveLength(1);
    expect(v.problems[0].table).toBe("public.orders");
    expect(v.problems[0].message).toContain(victim);
    const err = await restore({ repo: fresh, snapshotId: m.id, connector: fakeConnector(server, "db"), target: { mode: "new", database: "broken" } }).catch((e) => e);
    expect(err.message).toMatch(new RegExp(`Corrupted chunk ${victim} \\(snapshot ${m.id}, table public.orders\\)`));
    expect(server.has("broken")).toBe(false);
  });

  it("exports plain SQL with COPY blocks", async () => {
    const m = (await run("full")).manifest;
    const parts: Buffer[] = [];
    for await (const p of exportSql(repo, m.id)) parts.push(p as Buffer);
    const sql = Buffer.concat(parts).toString();
    expect(sql).toContain("CREATE TABLE public.orders (id bigint PRIMARY KEY, body text);");
    expect(sql).toContain('COPY "public"."orders" ("id", "body") FROM stdin;\n0\tcustomer 0 \n');
    expect(sql).toContain("5999\tcustomer 5999");
    expect(sql.match(/^\\\.$/gm)).toHaveLength(2);
  });
});

describe("crash safety", () => {
  it("writes the manifest last", async () => {
    const order: string[] = [];
    const storage = new LocalStorage(dir);
    const spy: Storage = Object.assign(Object.create(storage), {
      put: (key: string, body: Buffer, o?: { ifAbsent?: boolean }) => (order.push(key), storage.put(key, body, o)),
    });
    const spied = await Repository.open(spy, "pw");
    await backup({ connector: fakeConnector(server, "db"), repo: spied, type: "full", source: SOURCE });
    const firstSnapshot = order.findIndex((k) => k.startsWith("snapshots/"));
    expect(order.filter((k) => k.startsWith("data/")).length).toBeGreaterThan(20);
    expect(order.slice(firstSnapshot + 1).filter((k) => !k.startsWith("locks/"))).toEqual([]);
  });

  it("a cancelled backup leaves no snapshot and the next one succeeds", async () => {
    const controller = new AbortController();
    const storage = new LocalStorage(dir);
    let chunks = 0;
    const spy: Storage = Object.assign(Object.create(storage), {
      put: (key: string, body: Buffer, o?: { ifAbsent?: boolean }) => {
        if (key.startsWith("data/") && ++chunks === 3) controller.abort(new Error("cancelled by test"));
        return storage.put(key, body, o);
      },
    });
    const spied = await Repository.open(spy, "pw");
    const err = await backup({ connector: fakeConnector(server, "db"), repo: spied, type: "full", source: SOURCE, signal: controller.signal }).catch((e) => e);
    expect(err.message).toBe("cancelled by test");
    expect(await repo.snapshotIds()).toEqual([]);
    expect((await fs.readdir(path.join(dir, "locks"))).length).toBe(0);
    const ok = await run("incremental");
    expect(await repo.snapshotIds()).toEqual([ok.manifest.id]);
  });

  it("a schema capture that fails while rows stream stops the rows and reports the schema's error", async () => {
    const base = fakeConnector(server, "db");
    let piecesRead = 0;
    const endless = async function* () {
      for (let i = 0; ; i++) {
        piecesRead++;
        yield Buffer.from(makeRows(200, i * 200).join("\n") + "\n");
        await new Promise((r) => setTimeout(r, 1));
      }
    };
    const connector = {
      ...base,
      async openSnapshot(options?: { tables?: { schema: string | null; name: string }[] }) {
        const reader = await base.openSnapshot(options);
        return {
          ...reader,
          shape: () => reader.shape(),
          schema: () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('view "order_totals": relation "gone" does not exist')), 30)),
          rows: () => Readable.from(endless(), { objectMode: false }),
          close: () => reader.close(),
        };
      },
    };
    const err = await backup({ connector, repo, type: "full", source: SOURCE }).catch((e: Error) => e);
    expect((err as Error).message).toContain('relation "gone" does not exist');
    expect(piecesRead).toBeLessThan(1000);
    expect(await repo.snapshotIds()).toEqual([]);
    expect((await fs.readdir(path.join(dir, "locks"))).length).toBe(0);
  });
});
