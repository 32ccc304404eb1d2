// A partial backup (chosen tables, like the pre-restore backup of a chosen-tables restore) restored in place with no
// table list replaces only the tables it holds: every other table of the target stays as it is.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgDatabase, pgRows, type TempPgDatabase } from "../../test/support/databases";
import { connectorFor, sourceOf } from "../engine/connect";
import { Repository } from "../repository/repository";
import { LocalStorage } from "../repository/storage/local";
import { backup } from "./backup";
import { restore } from "./restore";

let dir: string;
let pgDb: TempPgDatabase;
let sqliteFile: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-partial-"));
  pgDb = await createPgDatabase("tm_partial");
  sqliteFile = path.join(dir, "shop.db");
});
afterAll(async () => {
  await pgDb?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

interface Engine {
  name: string;
  url: () => string;
  exec: (sql: string) => Promise<void>;
  names: (table: string) => Promise<string[]>;
}

const engines: Engine[] = [
  {
    name: "PostgreSQL",
    url: () => pgDb.url,
    exec: async (sql) => void (await pgRows(pgDb.url, sql)),
    names: async (table) => (await pgRows<{ name: string }>(pgDb.url, `SELECT name FROM ${table} ORDER BY id`)).map((r) => r.name),
  },
  {
    name: "SQLite",
    url: () => `sqlite:${sqliteFile}`,
    exec: async (sql) => {
      const db = new DatabaseSync(sqliteFile);
      db.exec(sql);
      db.close();
    },
    names: async (table) => {
      const db = new DatabaseSync(sqliteFile, { readOnly: true });
      const rows = db.prepare(`SELECT name FROM ${table} ORDER BY id`).all() as { name: string }[];
      db.close();
      return rows.map((r) => r.name);
    },
  },
];

describe.each(engines)("$name: in-place restore of a partial backup", (engine) => {
  it("replaces only the tables the backup holds", async () => {
    await engine.exec(`CREATE TABLE customers (id int PRIMARY KEY, name text);
      CREATE TABLE orders (id int PRIMARY KEY, name text);
      INSERT INTO customers VALUES (1, 'ada'), (2, 'bob');
      INSERT INTO orders VALUES (1, 'first order');`);
    const repo = await Repository.init(new LocalStorage(path.join(dir, engine.name)), "pw");
    const connector = connectorFor(engine.url());
    try {
      const { manifest } = await backup({ connector, repo, type: "full", tables: ["customers"], source: sourceOf(engine.url()) });
      expect(manifest.partial).toBe(true);
      await engine.exec(`UPDATE customers SET name = 'changed'; INSERT INTO orders VALUES (2, 'second order');`);

      const result = await restore({ repo, snapshotId: manifest.id, connector, target: { mode: "replace", database: sourceOf(engine.url()).database } });
      expect(result.verified).toBe(true);
      expect(result.tables.map((t) => t.table.replace(/^public\./, ""))).toEqual(["customers"]);
      expect(await engine.names("customers")).toEqual(["ada", "bob"]);
      expect(await engine.names("orders")).toEqual(["first order", "second order"]);
    } finally {
      await connector.close();
    }
  });
});
