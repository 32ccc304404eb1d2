// Against the real PostgreSQL: backup → restore round trips, backup types, crash safety, corruption, SQL export.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, dropPgDatabase, pgUrlFor, uniqueName, type TempPgDatabase, pgRows as sql } from "../../test/support/databases";
import { postgresConnector } from "../engine/postgres/index";
import { sourceOf } from "../engine/connect";
import { DEFAULT_CHUNKER } from "../repository/chunker";
import { chunkKey } from "../repository/chunk-format";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import type { Storage } from "../repository/storage/types";
import { backup } from "./backup";
import { exportSql } from "./export-sql";
import { restore } from "./restore";
import { verify } from "./verify";

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 8 << 10, avgSize: 32 << 10, maxSize: 128 << 10 };
const ROOT = path.resolve(import.meta.dirname, "../..");
let src: TempPgDatabase;
let dir: string;
let repo: Repository;
const made: string[] = [];


/** What a user would compare: every row of every table, in key order, hashed per table. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const rows = await sql<{ t: string; h: string }>(
    url,
    `SELECT 'customers' t, md5(coalesce(string_agg(c::text, '|' ORDER BY id), '')) h FROM customers c
     UNION ALL SELECT 'orders', md5(coalesce(string_agg(o::text, '|' ORDER BY id), '')) FROM orders o
     UNION ALL SELECT 'tags', md5(coalesce(string_agg(g::text, '|' ORDER BY g::text), '')) FROM tags g
     UNION ALL SELECT 'seq', (SELECT last_value::text FROM orders_id_seq)`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

const newDbName = () => {
  const name = uniqueName("tm_restored");
  made.push(name);
  return name;
};
const run = (type: "full" | "incremental" | "differential", extra: object = {}) =>
  backup({ connector: postgresConnector(src.url), repo, type, source: sourceOf(src.url), ...extra });
async function restoreNew(snapshotId: string, r = repo) {
  const name = newDbName();
  const result = await restore({ repo: r, snapshotId, connector: postgresConnector(pgUrlFor("postgres")), target: { mode: "new", database: name } });
  return { name, url: pgUrlFor(name), result };
}

beforeAll(async () => {
  src = await createPgDatabase("tm_src");
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-int-"));
  repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
  await sql(
    src.url,
    `CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, note text, balance numeric(12,2));
     CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, items jsonb, placed_at timestamptz NOT NULL);
     CREATE INDEX orders_customer_idx ON orders(customer_id);
     CREATE TABLE tags (label text, weight int);
     INSERT INTO customers SELECT g, 'user' || g || '@x.example',
       CASE WHEN g % 7 = 0 THEN NULL WHEN g % 11 = 0 THEN E'tab\\there\\nnewline \\\\ backslash é' ELSE 'plain ' || g END,
       round((g * 1.37)::numeric, 2) FROM generate_series(1, 3000) g;
     INSERT INTO orders (customer_id, items, placed_at) SELECT 1 + g % 3000, jsonb_build_array(jsonb_build_object('sku', md5(g::text), 'qty', g % 5)),
       timestamptz '2026-01-01' + g * interval '1 minute' FROM generate_series(1, 12000) g;
     INSERT INTO tags SELECT 'tag ' || (g % 50), g % 3 FROM generate_series(1, 400) g;`,
  );
});

afterAll(async () => {
  await Promise.all(made.map((n) => dropPgDatabase(n)));
  await src?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe("PostgreSQL backup and restore", () => {
  it("full → incremental → differential each restore into a new database exactly as they were", async () => {
    const states: Record<string, string>[] = [];
    const ids: string[] = [];
    states.push(await fingerprint(src.url));
    const full = (await run("full")).manifest;
    ids.push(full.id);
    expect(full.tables.find((t) => t.ref.name === "orders")!.chunks.length).toBeGreaterThan(10);

    await sql(src.url, `UPDATE orders SET items = '[]' WHERE id % 997 = 0; DELETE FROM orders WHERE id BETWEEN 5000 AND 5010;
                        INSERT INTO orders (customer_id, items, placed_at) SELECT 1, '{}', now() FROM generate_series(1, 30);
                        UPDATE customers SET note = 'changed' WHERE id = 1500;`);
    states.push(await fingerprint(src.url));
    const inc = (await run("incremental")).manifest;
    ids.push(inc.id);
    expect(inc.parent).toBe(full.id);
    expect(inc.stats.bytesStored).toBeLessThan(full.stats.bytesStored / 3);

    await sql(src.url, `DELETE FROM tags WHERE weight = 2; UPDATE orders SET placed_at = placed_at + interval '1 day' WHERE id % 1500 = 0;`);
    states.push(await fingerprint(src.url));
    const diff = (await run("differential")).manifest;
    ids.push(diff.id);
    expect(diff.parent).toBe(full.id);

    for (const [i, id] of ids.entries()) {
      const { url, result } = await restoreNew(id);
      expect(result.verified).toBe(true);
      expect(await fingerprint(url)).toEqual(states[i]);
    }

    // Deleting any one snapshot leaves every other one complete.
    for (const victim of ids) {
      const copy = await fs.mkdtemp(path.join(os.tmpdir(), "tm-int-copy-"));
      await fs.cp(dir, copy, { recursive: true });
      const other = await Repository.open(new LocalStorage(copy), "pw");
      await other.deleteSnapshot(victim);
      const v = await verify(other, "all");
      expect(v.problems).toEqual([]);
      expect(v.snapshots).toHaveLength(ids.length - 1);
      if (victim === ids[0]) expect(await fingerprint((await restoreNew(ids[1], other)).url)).toEqual(states[1]);
      await fs.rm(copy, { recursive: true, force: true });
    }
  });

  it("export → psql restores it without Tidemark", async () => {
    const m = (await run("full")).manifest;
    const file = path.join(dir, "..", `${path.basename(dir)}.sql`);
    const parts: Buffer[] = [];
    for await (const p of exportSql(repo, m.id)) parts.push(p as Buffer);
    await fs.writeFile(file, Buffer.concat(parts));
    const name = newDbName();
    await sql(pgUrlFor("postgres"), `CREATE DATABASE "${name}"`);
    const r = spawnSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pgUrlFor(name), "-f", file], { encoding: "utf8" });
    await fs.rm(file, { force: true });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(await fingerprint(pgUrlFor(name))).toEqual(await fingerprint(src.url));
  });

  it("flipping one byte of any chunk is caught by verify, and by restore naming the table", async () => {
    const m = (await run("full")).manifest;
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), "tm-int-flip-"));
    await fs.cp(dir, copy, { recursive: true });
    const all = m.tables.flatMap((t) => t.chunks.map((c) => ({ table: `${t.ref.schema}.${t.ref.name}`, id: c.id })));
    for (const { table, id } of all) {
      const file = path.join(copy, chunkKey(id));
      const original = await fs.readFile(file);
      const flipped = Buffer.from(original);
      flipped[(id.charCodeAt(0) * 31) % flipped.length] ^= 0x04;
      await fs.writeFile(file, flipped);
      const v = await verify(await Repository.open(new LocalStorage(copy), "pw"), m.id);
      expect(v.problems.map((p) => p.table)).toEqual([table]);
      expect(v.problems[0].message).toContain(id);
      if (id === all[all.length - 1].id) {
        const err = await restoreNew(m.id, await Repository.open(new LocalStorage(copy), "pw")).catch((e) => e);
        expect(err.message).toContain(`table ${table}`);
        expect(err.message).toContain(id);
      }
      await fs.writeFile(file, original);
    }
    await fs.rm(copy, { recursive: true, force: true });
  });
});

describe("crash safety", () => {
  it("a backup cancelled midway leaves no snapshot, and the next one succeeds", async () => {
    const before = await repo.snapshotIds();
    const controller = new AbortController();
    const storage = new LocalStorage(dir);
    let puts = 0;
    const spy: Storage = Object.assign(Object.create(storage), {
      put: (key: string, body: Buffer, o?: { ifAbsent?: boolean }) => {
        if (key.startsWith("data/") && ++puts === 3) controller.abort(new Error("cancelled"));
        return storage.put(key, body, o);
      },
    });
    const spied = await Repository.open(spy, "pw");
    await expect(backup({ connector: postgresConnector(src.url), repo: spied, type: "full", source: sourceOf(src.url), signal: controller.signal })).rejects.toThrow("cancelled");
    expect(await repo.snapshotIds()).toEqual(before);
    const ok = (await run("incremental")).manifest;
    expect(await repo.snapshotIds()).toContain(ok.id);
  });

  it("a backup process killed with SIGKILL leaves no snapshot, and the next backup succeeds", async () => {
    const before = await repo.snapshotIds();
    const killDir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-int-kill-"));
    await Repository.init(new LocalStorage(killDir), "pw", { ...CHUNKER, minSize: 1024, avgSize: 2048, maxSize: 8192 });
    const child = spawn(process.execPath, [path.join(ROOT, "bin/tidemark.js"), "backup", "--url", src.url, "--repo", killDir, "--json"], {
      env: { ...process.env, TIDEMARK_PASSPHRASE: "pw" },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // Kill as soon as chunks start landing: the backup is then certainly midway.
    for (let i = 0; i < 600; i++) {
      const data = await fs.readdir(path.join(killDir, "data")).catch(() => []);
      if (data.length >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    await exited;
    const killed = await Repository.open(new LocalStorage(killDir), "pw");
    expect(await killed.snapshotIds()).toEqual([]);
    expect((await fs.readdir(path.join(killDir, "data"))).length).toBeGreaterThan(0);
    const next = await backup({ connector: postgresConnector(src.url), repo: killed, type: "full", source: sourceOf(src.url) });
    expect(next.warnings.join()).toMatch(/no longer running/); // its dead lock is reported, not silently ignored
    expect((await verify(killed, "all")).ok).toBe(true);
    expect(await repo.snapshotIds()).toEqual(before);
    await fs.rm(killDir, { recursive: true, force: true });
  });

  it("an in-place restore cancelled midway leaves the target unchanged", async () => {
    const m = (await run("full")).manifest;
    await sql(src.url, `UPDATE customers SET note = 'after the snapshot' WHERE id <= 10; DELETE FROM tags WHERE weight = 0;`);
    const before = await fingerprint(src.url);
    const controller = new AbortController();
    const storage = new LocalStorage(dir);
    let gets = 0;
    const spy: Storage = Object.assign(Object.create(storage), {
      get: (key: string) => {
        if (key.startsWith("data/") && ++gets === 5) controller.abort(new Error("cancelled restore"));
        return storage.get(key);
      },
    });
    const spied = await Repository.open(spy, "pw");
    await expect(
      restore({ repo: spied, snapshotId: m.id, connector: postgresConnector(src.url), target: { mode: "replace", database: src.name }, signal: controller.signal }),
    ).rejects.toThrow("cancelled restore");
    expect(await fingerprint(src.url)).toEqual(before);
    // And the same restore, not cancelled, brings the snapshot back in place.
    const done = await restore({ repo, snapshotId: m.id, connector: postgresConnector(src.url), target: { mode: "replace", database: src.name } });
    expect(done.verified).toBe(true);
    expect(await fingerprint(src.url)).not.toEqual(before);
  });
});
