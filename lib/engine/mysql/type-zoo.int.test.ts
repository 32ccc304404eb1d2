// Round trip of a MySQL/MariaDB database holding every type family and object kind, with awkward names, through
// the connector alone: rows must come back identical and mysqldump --no-data must not see a difference.
import { spawnSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMysqlDatabase, dropMysqlDatabase, mysqlExec, mysqlUrlFor, uniqueName, type TempMysqlDatabase } from "../../../test/support/databases";
import { backup } from "../../backup/backup";
import { exportSql } from "../../backup/export-sql";
import { Repository } from "../../repository/repository";
import { LocalStorage } from "../../repository/storage/local";
import { sourceOf } from "../connect";
import { copyThroughConnector } from "../postgres/test-helpers";
import { mysqlConnector } from "./index";
import { schemaDump, tableContents } from "./test-helpers";

const ZOO = fileURLToPath(new URL("./type-zoo.sql", import.meta.url));
let source: TempMysqlDatabase;
const restored = uniqueName("tm_myzoo_restored");
const limited = uniqueName("tm_lim");
const exported = uniqueName("tm_myzoo_export");

beforeAll(async () => {
  source = await createMysqlDatabase("tm_myzoo");
  await mysqlExec(await fs.readFile(ZOO, "utf8"), source.name);
});

afterAll(async () => {
  await source?.drop();
  await dropMysqlDatabase(restored);
  await dropMysqlDatabase(exported);
  await mysqlExec(`DROP USER IF EXISTS '${limited}'@'%'; DROP ROLE IF EXISTS '${limited}_role'`);
});

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

describe("MySQL connector: type zoo round trip", () => {
  it("restores into a new database with identical rows and an identical mysqldump schema", async () => {
    const src = mysqlConnector(source.url);
    await copyThroughConnector(src, src, { mode: "new", database: restored });
    const before = await tableContents(source.name);
    const after = await tableContents(restored);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [table, rows] of before) expect(after.get(table), `rows of ${table}`).toEqual(rows);
    expect(await schemaDump(restored)).toEqual(await schemaDump(source.name));
    // What mysqldump --no-data leaves out: the database's own character set and collation, AUTO_INCREMENT counters.
    const facts = async (db: string) =>
      mysqlExec(`SELECT s.DEFAULT_CHARACTER_SET_NAME AS cs, s.DEFAULT_COLLATION_NAME AS coll,
        (SELECT AUTO_INCREMENT FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = s.SCHEMA_NAME AND t.TABLE_NAME = 'audit') AS ai
        FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME = '${db}'`);
    expect(await facts(restored)).toEqual([{ cs: "utf8mb4", coll: "utf8mb4_unicode_ci", ai: 500 }]);
    expect(await facts(source.name)).toEqual(await facts(restored));
  });

  it("streams each table in key order, identical from the source and the restored copy", async () => {
    const a = await mysqlConnector(source.url).openSnapshot();
    const b = await mysqlConnector(mysqlUrlFor(restored)).openSnapshot();
    try {
      const tables = (await a.shape()).tables;
      expect(tables.find((t) => t.ref.name === "zoo")?.columns.find((c) => c.name === "gen")?.generated).toBe(true);
      for (const t of tables) {
        const [x, y] = await Promise.all([collect(a.rows(t.ref)), collect(b.rows(t.ref))]);
        expect(y.equals(x), `rows of ${t.ref.name}`).toBe(true);
      }
      const zoo = (await collect(a.rows({ schema: null, name: "zoo" }))).toString("utf8").split("\n");
      const row1 = zoo[0].split("\t");
      const col = (name: string) => tables.find((t) => t.ref.name === "zoo")!.columns.filter((c) => !c.generated).findIndex((c) => c.name === name);
      expect(row1[col("ubig")]).toBe("18446744073709551615");
      expect(row1[col("dec")]).toBe("12345678901234567890.0123456789");
      expect(row1[col("t")]).toBe("-838:59:59");
      expect(row1[col("b12")]).toBe("101010101010");
      expect(row1[col("bin")]).toBe("\\\\x00ff0a09");
      expect(row1[col("vc")]).toBe("Tab\\there\\nnew line \\\\ backslash \\r cr");
      expect(row1[col("dt6")]).toBe("2026-01-02 03:04:05.123456");
      expect(row1[col("ts")]).toBe("2038-01-19 03:14:07.499");
      expect(zoo[1].split("\t")[col("d")]).toBe("0000-00-00");
      expect(zoo[2].split("\t")[col("tx")]).toBe("\\N");
      expect(zoo[1].split("\t")[col("tx")]).toBe("");
      expect(a.consistentAt).toBeInstanceOf(Date);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("exports SQL that the mariadb client replays into the same rows and schema", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-myzoo-"));
    try {
      const repo = await Repository.init(new LocalStorage(dir), "pw");
      const { manifest } = await backup({ connector: mysqlConnector(source.url), repo, source: sourceOf(source.url) });
      const parts: Buffer[] = [];
      for await (const p of exportSql(repo, manifest.id)) parts.push(p as Buffer);
      await mysqlExec(`CREATE DATABASE \`${exported}\``);
      const r = spawnSync("mariadb", ["-h127.0.0.1", "-uroot", "--default-character-set=utf8mb4", exported], { input: Buffer.concat(parts), encoding: "utf8" });
      expect(r.stderr).toBe("");
      expect(await tableContents(exported)).toEqual(await tableContents(source.name));
      expect(await schemaDump(exported)).toEqual(await schemaDump(source.name));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to restore over an existing database", async () => {
    await expect(mysqlConnector(source.url).openRestore({ mode: "new", database: source.name })).rejects.toThrow(
      `Database "${source.name}" already exists — choose another name or restore in place`,
    );
  });

  it("test() lists the privileges a backup user lacks", async () => {
    await mysqlExec(`CREATE USER '${limited}'@'%' IDENTIFIED BY 'pw'; GRANT SELECT ON \`${source.name}\`.* TO '${limited}'@'%'`);
    const url = new URL(source.url);
    url.username = limited;
    url.password = "pw";
    const info = await mysqlConnector(url.toString()).test();
    expect(info.version).toMatch(/^(MariaDB|MySQL) \d+/);
    expect(info.sizeBytes).toBeGreaterThan(0);
    const mariadb = info.version.startsWith("MariaDB");
    const routines = `${mariadb ? "SELECT ON mysql.proc, or SHOW CREATE ROUTINE ON db.* on MariaDB 11.3+" : "SHOW_ROUTINE ON *.* (MySQL 8.0.20+; global SELECT before)"} (to read stored procedures and functions)`;
    expect(info.missingPrivileges).toEqual([
      `SHOW VIEW ON \`${source.name}\`.* (2 views)`,
      `TRIGGER ON \`${source.name}\`.* (to read triggers)`,
      `EVENT ON \`${source.name}\`.* (to read events)`,
      routines,
    ]);
    expect(info.warnings.join("\n")).toContain("Tables without a primary key (rows are ordered by every column, diffs show them as add/remove): keyparts, no key");
    // Privileges that come through the account's default role count too; routine bodies are readable once granted.
    await mysqlExec(
      `CREATE ROLE '${limited}_role'; GRANT SHOW VIEW, TRIGGER, EVENT ON \`${source.name}\`.* TO '${limited}_role';
       GRANT '${limited}_role' TO '${limited}'@'%'; SET DEFAULT ROLE '${limited}_role' ${mariadb ? "FOR" : "TO"} '${limited}'@'%';
       ${mariadb ? `GRANT SELECT ON mysql.proc TO '${limited}'@'%'` : `GRANT SHOW_ROUTINE ON *.* TO '${limited}'@'%'`}`,
    );
    expect((await mysqlConnector(url.toString()).test()).missingPrivileges).toEqual([]);
    const full = await mysqlConnector(source.url).test();
    expect(full.missingPrivileges).toEqual([]);
  });

  it("explains a refused connection without echoing the password", async () => {
    const err = await mysqlConnector("mysql://u:s3cret@127.0.0.1:3307/x").test().catch((e: Error) => e);
    expect((err as Error).message).toBe("Cannot connect to 127.0.0.1:3307: connection refused — is MySQL/MariaDB running?");
  });
});
