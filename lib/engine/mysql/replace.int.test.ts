// In-place restore: the shadow-database swap brings the target back to the snapshot, chosen tables keep the
// foreign keys pointing at them, and a replace that is aborted or whose connection is killed leaves the target as it was.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMysqlDatabase, dropMysqlDatabase, mysqlExec, mysqlUrlFor, uniqueName, type TempMysqlDatabase } from "../../../test/support/databases";
import { copyThroughConnector } from "../postgres/test-helpers";
import type { RestoreWriter, SchemaObjects, SnapshotReader, TableShape } from "../types";
import { mysqlConnector } from "./index";
import { recursionLimitSql, schemaDump, tableContents } from "./test-helpers";

const SHOP = `
CREATE TABLE customers (id int PRIMARY KEY AUTO_INCREMENT, name varchar(50) NOT NULL, tier enum('free','pro') DEFAULT 'free') ENGINE=InnoDB;
CREATE TABLE orders (id bigint PRIMARY KEY AUTO_INCREMENT, customer_id int NOT NULL, total decimal(10,2), note text,
  KEY orders_customer (customer_id), CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB;
CREATE TABLE payments (id int PRIMARY KEY AUTO_INCREMENT, order_id bigint NOT NULL, amount decimal(10,2),
  CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)) ENGINE=InnoDB;
CREATE VIEW order_totals AS SELECT c.name, SUM(o.total) AS total FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.name;
CREATE VIEW big_totals AS SELECT * FROM order_totals WHERE total > 100;
CREATE TRIGGER orders_note BEFORE INSERT ON orders FOR EACH ROW SET NEW.note = COALESCE(NEW.note, 'none');
INSERT INTO customers (name, tier) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300) SELECT CONCAT('customer ', i), IF(i % 3 = 0, 'pro', 'free') FROM s;
INSERT INTO orders (customer_id, total, note) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 3000)
  SELECT 1 + i % 300, i * 1.25, IF(i % 7 = 0, CONCAT('multi', CHAR(10), 'line', CHAR(9), 'tab'), NULL) FROM s;
INSERT INTO payments (order_id, amount) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 3 FROM s WHERE i < 2998) SELECT i, i * 1.25 FROM s;`;

let source: TempMysqlDatabase;
let snap: SnapshotReader;
let schema: SchemaObjects;
let tables: TableShape[];
const target = uniqueName("tm_myreplace_target");
const targetUrl = mysqlUrlFor(target);

interface DbState {
  dump: string;
  rows: Map<string, string>;
}
async function state(name: string): Promise<DbState> {
  return { dump: await schemaDump(name), rows: await tableContents(name) };
}

async function replaceAll(): Promise<RestoreWriter> {
  const writer = await mysqlConnector(targetUrl).openRestore({ mode: "replace" });
  await writer.begin(schema, tables);
  for (const t of tables) await writer.writeRows(t, snap.rows(t.ref));
  await writer.commit();
  return writer;
}

/** The writer's own shadow and old databases that still exist (other test runs may have theirs in flight). */
async function leftovers(writer: RestoreWriter): Promise<unknown[]> {
  const { shadow, old } = writer as unknown as { shadow: string; old: string };
  return (await mysqlExec(`SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ('${shadow}', '${old}')`)) as unknown[];
}

async function drift(): Promise<void> {
  await mysqlExec(`UPDATE customers SET name = CONCAT(name, ' (edited)') WHERE id % 10 = 0; DELETE FROM payments WHERE id % 2 = 0;
    DROP VIEW big_totals; ALTER TABLE customers ADD COLUMN vip boolean DEFAULT false; CREATE TABLE extra (id int PRIMARY KEY);
    INSERT INTO extra VALUES (1), (2); ALTER TABLE customers AUTO_INCREMENT = 9999; DROP TRIGGER orders_note;`, target);
}

beforeAll(async () => {
  source = await createMysqlDatabase("tm_myreplace_src");
  await mysqlExec(`${await recursionLimitSql(100000)}\n${SHOP}`, source.name);
  snap = await mysqlConnector(source.url).openSnapshot();
  schema = await snap.schema();
  tables = (await snap.shape()).tables;
  const src = mysqlConnector(source.url);
  await copyThroughConnector(src, src, { mode: "new", database: target });
});

afterAll(async () => {
  await snap?.close();
  await source?.drop();
  await dropMysqlDatabase(target);
});

describe("MySQL connector: replace in place", () => {
  it("replaces a drifted database with the snapshot", async () => {
    const expected = await state(source.name);
    await drift();
    const writer = await replaceAll();
    expect(await state(target)).toEqual(expected);
    expect(await leftovers(writer)).toEqual([]);
  });

  it("replaces only the chosen tables, keeping the foreign keys that point at them", async () => {
    await mysqlExec("UPDATE customers SET name = 'renamed' WHERE id = 1; DELETE FROM payments; UPDATE orders SET total = 0", target);
    const before = await tableContents(target);
    const writer = await mysqlConnector(targetUrl).openRestore({ mode: "replace", tables: [{ schema: null, name: "orders" }] });
    const orders = tables.find((t) => t.ref.name === "orders")!;
    await writer.begin(schema, [orders]);
    await writer.writeRows(orders, snap.rows(orders.ref));
    await writer.commit();
    const after = await state(target);
    expect(after.dump).toEqual(await schemaDump(source.name));
    expect(after.rows.get("orders")).toEqual((await tableContents(source.name)).get("orders"));
    expect(after.rows.get("customers")).toEqual(before.get("customers"));
    // payments → orders must reference the restored orders, and orders → customers the live customers.
    await expect(mysqlExec("INSERT INTO payments (order_id, amount) VALUES (999999, 1)", target)).rejects.toThrow(/foreign key constraint fails/);
    await mysqlExec("INSERT INTO payments (order_id, amount) VALUES (3000, 1)", target);
    await expect(mysqlExec("INSERT INTO orders (customer_id) VALUES (999999)", target)).rejects.toThrow(/foreign key constraint fails/);
    await replaceAll();
  });

  it("leaves the target unchanged when the replace is aborted midway", async () => {
    await drift();
    const unchanged = await state(target);
    const writer = await mysqlConnector(targetUrl).openRestore({ mode: "replace" });
    await writer.begin(schema, tables);
    await writer.writeRows(tables[0], snap.rows(tables[0].ref));
    await writer.abort();
    expect(await state(target)).toEqual(unchanged);
  });

  it("leaves the target unchanged when its connection is killed mid-load", async () => {
    const unchanged = await state(target);
    const writer = await mysqlConnector(targetUrl).openRestore({ mode: "replace" });
    await writer.begin(schema, tables);
    const orders = tables.find((t) => t.ref.name === "orders")!;
    const stalled = new PassThrough();
    stalled.write("1\t1\t1.25\t\\N\n");
    const loading = writer.writeRows(orders, stalled);
    await new Promise((r) => setTimeout(r, 300));
    const procs = (await mysqlExec("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE INFO LIKE 'LOAD DATA LOCAL INFILE%'")) as { id: number }[];
    expect(procs).toHaveLength(1);
    await mysqlExec(`KILL ${procs[0].id}`);
    await expect(loading).rejects.toThrow(/Loading rows into orders/);
    await writer.abort();
    expect(await state(target)).toEqual(unchanged);
    expect(await leftovers(writer)).toEqual([]);
  });

  it("drops the work databases of a restore whose process died, keeps a live restore's and names replaced originals", async () => {
    const schemaExists = async (name: string) => ((await mysqlExec(`SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '${name}'`)) as unknown[]).length > 0;
    const dead = await mysqlConnector(targetUrl).openRestore({ mode: "replace" });
    await dead.begin(schema, tables);
    const deadDbs = dead as unknown as { shadow: string; old: string; c: { destroy(): void } };
    deadDbs.c.destroy(); // the process is gone: its connection ends without abort()
    const alive = await mysqlConnector(targetUrl).openRestore({ mode: "replace" });
    await alive.begin(schema, tables);
    const orphanOld = uniqueName("tm_old");
    await mysqlExec(`CREATE DATABASE \`${orphanOld}\`; CREATE TABLE \`${orphanOld}\`.customers (id int PRIMARY KEY)`);
    await new Promise((r) => setTimeout(r, 200)); // let the server notice the closed connection
    const next = await replaceAll();
    expect(await schemaExists(deadDbs.shadow)).toBe(false);
    expect(await schemaExists(deadDbs.old)).toBe(false);
    expect(await leftovers(alive)).toHaveLength(2);
    expect(await schemaExists(orphanOld)).toBe(true);
    expect(next.notices?.join("\n")).toContain(orphanOld);
    await alive.abort();
    await dropMysqlDatabase(orphanOld);
  });
});
