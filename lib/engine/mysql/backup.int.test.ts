// Against the real MariaDB/MySQL through lib/backup: full, incremental and differential snapshots restore exactly,
// the SQL export replays with the mariadb client alone, and a corrupted chunk is caught and named.
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMysqlDatabase, dropMysqlDatabase, mysqlExec, MYSQL_ADMIN_URL, uniqueName, type TempMysqlDatabase } from "../../../test/support/databases";
import { backup } from "../../backup/backup";
import { exportSql } from "../../backup/export-sql";
import { restore } from "../../backup/restore";
import { verify } from "../../backup/verify";
import { DEFAULT_CHUNKER } from "../../repository/chunker";
import { chunkKey } from "../../repository/chunk-format";
import { Repository } from "../../repository/repository";
import { LocalStorage } from "../../repository/storage/local";
import { sourceOf } from "../connect";
import { mysqlConnector } from "./index";
import { LOCAL_INFILE_OFF_NOTICE } from "./restore/load";
import { recursionLimitSql, schemaDump, tableContents } from "./test-helpers";

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 8 << 10, avgSize: 32 << 10, maxSize: 128 << 10 };
let src: TempMysqlDatabase;
let dir: string;
let repo: Repository;
const made: string[] = [];

const run = (type: "full" | "incremental" | "differential") =>
  backup({ connector: mysqlConnector(src.url), repo, type, source: sourceOf(src.url) });

async function restoreNew(snapshotId: string, r = repo) {
  const name = uniqueName("tm_myrestored");
  made.push(name);
  const result = await restore({ repo: r, snapshotId, connector: mysqlConnector(MYSQL_ADMIN_URL), target: { mode: "new", database: name } });
  return { name, result };
}

beforeAll(async () => {
  src = await createMysqlDatabase("tm_mysrc");
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-myint-"));
  repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
  await mysqlExec(
    `${await recursionLimitSql(100000)}
     CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(120) NOT NULL UNIQUE, note text, balance decimal(12,2), photo blob) ENGINE=InnoDB;
     CREATE TABLE orders (id bigint PRIMARY KEY AUTO_INCREMENT, customer_id bigint NOT NULL, items json, placed_at datetime(6) NOT NULL,
       KEY orders_customer_idx (customer_id), CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB;
     CREATE TABLE tags (label varchar(40), weight int) ENGINE=InnoDB;
     INSERT INTO customers WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 3000)
       SELECT i, CONCAT('user', i, '@x.example'), CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN CONCAT('tab', CHAR(9), 'nl', CHAR(10), 'bs \\\\ é') ELSE CONCAT('plain ', i) END,
              ROUND(i * 1.37, 2), IF(i % 5 = 0, UNHEX(MD5(i)), NULL) FROM g;
     INSERT INTO orders (customer_id, items, placed_at) WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 12000)
       SELECT 1 + i % 3000, JSON_ARRAY(JSON_OBJECT('sku', MD5(i), 'qty', i % 5)), TIMESTAMP '2026-01-01 00:00:00' + INTERVAL i MINUTE FROM g;
     INSERT INTO tags WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 400) SELECT CONCAT('tag ', i % 50), i % 3 FROM g;`,
    src.name,
  );
});

afterAll(async () => {
  await Promise.all(made.map((n) => dropMysqlDatabase(n)));
  await src?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe("MySQL backup and restore", () => {
  it("full → incremental → differential each restore into a new database exactly as they were", async () => {
    const states: Map<string, string>[] = [await tableContents(src.name)];
    const full = (await run("full")).manifest;
    expect(full.source.engine).toBe("mysql");
    expect(full.tables.find((t) => t.ref.name === "orders")!.chunks.length).toBeGreaterThan(10);
    await mysqlExec(
      `UPDATE orders SET items = '[]' WHERE id % 997 = 0; DELETE FROM orders WHERE id BETWEEN 5000 AND 5010;
       INSERT INTO orders (customer_id, items, placed_at) VALUES (1, '{}', NOW(6)), (2, NULL, NOW(6)); UPDATE customers SET note = 'changed' WHERE id = 1500;`,
      src.name,
    );
    states.push(await tableContents(src.name));
    const inc = (await run("incremental")).manifest;
    expect(inc.parent).toBe(full.id);
    expect(inc.stats.bytesStored).toBeLessThan(full.stats.bytesStored / 3);
    await mysqlExec("DELETE FROM tags WHERE weight = 2; UPDATE orders SET placed_at = placed_at + INTERVAL 1 DAY WHERE id % 1500 = 0;", src.name);
    states.push(await tableContents(src.name));
    const diff = (await run("differential")).manifest;
    expect(diff.parent).toBe(full.id);
    for (const [i, id] of [full.id, inc.id, diff.id].entries()) {
      const { name, result } = await restoreNew(id);
      expect(result.verified).toBe(true);
      expect(await tableContents(name)).toEqual(states[i]);
    }
    expect(await schemaDump(made[2])).toEqual(await schemaDump(src.name));
  });

  it("export → the mariadb client restores it without Tidemark", async () => {
    const m = (await run("full")).manifest;
    const parts: Buffer[] = [];
    for await (const p of exportSql(repo, m.id)) parts.push(p as Buffer);
    const name = uniqueName("tm_myexport");
    made.push(name);
    await mysqlExec(`CREATE DATABASE \`${name}\``);
    const r = spawnSync("mariadb", ["-h127.0.0.1", "-uroot", "--default-character-set=utf8mb4", name], { input: Buffer.concat(parts), encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(await tableContents(name)).toEqual(await tableContents(src.name));
    expect(await schemaDump(name)).toEqual(await schemaDump(src.name));
  });

  it("flipping one byte of a chunk is caught by verify, and by restore naming the table", async () => {
    const m = (await run("full")).manifest;
    const copy = await fs.mkdtemp(path.join(os.tmpdir(), "tm-myint-flip-"));
    await fs.cp(dir, copy, { recursive: true });
    const orders = m.tables.find((t) => t.ref.name === "orders")!;
    const id = orders.chunks[3].id;
    const file = path.join(copy, chunkKey(id));
    const bytes = await fs.readFile(file);
    bytes[bytes.length >> 1] ^= 0x04;
    await fs.writeFile(file, bytes);
    const broken = await Repository.open(new LocalStorage(copy), "pw");
    const v = await verify(broken, m.id);
    expect(v.problems.map((p) => p.table)).toEqual(["orders"]);
    expect(v.problems[0].message).toContain(id);
    const err = await restoreNew(m.id, broken).catch((e: Error) => e);
    expect((err as Error).message).toContain("table orders");
    expect((err as Error).message).toContain(id);
    await fs.rm(copy, { recursive: true, force: true });
  });

  /** Restores `snapshotId` with local_infile off on the server; `env` set for the restore only. */
  async function restoreWithLocalInfileOff(snapshotId: string, env: Record<string, string> = {}) {
    await mysqlExec("SET GLOBAL local_infile = 0");
    Object.assign(process.env, env);
    try {
      const { name, result } = await restoreNew(snapshotId);
      expect(result.verified).toBe(true);
      expect(result.notices).toEqual([LOCAL_INFILE_OFF_NOTICE]);
      expect(await tableContents(name)).toEqual(await tableContents(src.name));
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
      await mysqlExec("SET GLOBAL local_infile = 1");
    }
  }

  it("a server with local_infile off (MySQL 8's default) still restores exactly, through INSERTs, and says so", async () => {
    const m = (await run("full")).manifest;
    await restoreWithLocalInfileOff(m.id);
    const { result } = await restoreNew(m.id);
    expect(result.notices).toEqual([]);
  });

  it("switches to INSERTs when LOAD DATA LOCAL is refused before any row was sent (local_infile could not be read up front)", async () => {
    const m = (await run("full")).manifest;
    // Skips the up-front check, as when a proxy hides the variable.
    await restoreWithLocalInfileOff(m.id, { TM_MYSQL_LOAD: "infile" });
  });

  it("warns when the account cannot see other users' procedures and functions, which would be missing from the backup", async () => {
    const user = uniqueName("tm_limited");
    await mysqlExec(`CREATE FUNCTION double_it(x int) RETURNS int DETERMINISTIC RETURN x * 2`, src.name);
    await mysqlExec(`CREATE USER '${user}'@'%' IDENTIFIED BY 'limited pw'; GRANT SELECT, SHOW VIEW, TRIGGER, EVENT ON \`${src.name}\`.* TO '${user}'@'%'`);
    const url = `mysql://${user}:${encodeURIComponent("limited pw")}@127.0.0.1:3306/${src.name}`;
    try {
      const reader = await mysqlConnector(url).openSnapshot();
      expect(reader.warnings).toContainEqual(expect.stringContaining("Procedures and functions defined by other users are invisible to this account"));
      await reader.close();
      await mysqlExec(`GRANT SELECT ON mysql.proc TO '${user}'@'%'`);
      const allowed = await mysqlConnector(url).openSnapshot();
      expect(allowed.warnings ?? []).not.toContainEqual(expect.stringContaining("Procedures and functions"));
      expect((await allowed.schema()).objects.map((o) => o.name)).toContain("double_it");
      await allowed.close();
    } finally {
      await mysqlExec(`DROP USER '${user}'@'%'`);
      await mysqlExec("DROP FUNCTION double_it", src.name);
    }
  });
});
