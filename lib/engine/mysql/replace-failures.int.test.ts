// In-place restore failures against the real MariaDB/MySQL: one after the swap (objects a restricted login may not
// recreate) is reported as a changed target, never retried; a table another session holds makes the replace give up
// within the lock wait timeout, with the target (its triggers too) as it was.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Connection } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMysqlDatabase, dropMysqlDatabase, mysqlExec, mysqlUrlFor, uniqueName, type TempMysqlDatabase } from "../../../test/support/databases";
import { backup } from "../../backup/backup";
import { restore, RestoreCommittedError } from "../../backup/restore";
import { DEFAULT_CHUNKER } from "../../repository/chunker";
import { Repository } from "../../repository/repository";
import { LocalStorage } from "../../repository/storage/local";
import { sourceOf } from "../connect";
import { copyThroughConnector } from "../postgres/test-helpers";
import { TargetChangedError, type SchemaObjects, type SnapshotReader, type TableShape } from "../types";
import { mysqlConnector } from "./index";
import { ReplaceRestore } from "./restore/replace";
import { closeQuietly, connect } from "./session";
import { schemaDump, tableContents } from "./test-helpers";

// The view and the trigger are root's (their DEFINER): a login without SUPER / SET USER may not create them again.
const SHOP = `
CREATE TABLE customers (id int PRIMARY KEY, name varchar(50) NOT NULL) ENGINE=InnoDB;
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, note varchar(50),
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB;
CREATE TRIGGER orders_note BEFORE INSERT ON orders FOR EACH ROW SET NEW.note = COALESCE(NEW.note, 'none');
CREATE VIEW customer_names AS SELECT name FROM customers;
INSERT INTO customers VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger');
INSERT INTO orders (id, customer_id) VALUES (10, 1), (11, 2), (12, 2), (13, 3);`;

const CHUNKER = { ...DEFAULT_CHUNKER, minSize: 8 << 10, avgSize: 32 << 10, maxSize: 128 << 10 };
let source: TempMysqlDatabase;
let dir: string;
let repo: Repository;
let snapshotId: string;
let snap: SnapshotReader;
let schema: SchemaObjects;
let tables: TableShape[];
const made: string[] = [];
// A restore login with every privilege on Tidemark's test and work databases, but no SUPER / SET USER.
const restorer = `tm_restorer_${randomBytes(4).toString("hex")}`;
function restorerUrl(database: string): string {
  const u = new URL(mysqlUrlFor(database));
  u.username = restorer;
  u.password = "pw";
  return u.toString();
}

/** A copy of the source with drifted rows, as a target to replace. */
async function driftedTarget(): Promise<string> {
  const name = uniqueName("tm_myfail_target");
  made.push(name);
  const src = mysqlConnector(source.url);
  await copyThroughConnector(src, src, { mode: "new", database: name });
  await mysqlExec("UPDATE customers SET name = CONCAT(name, ' (edited)'); DELETE FROM orders WHERE id = 13; INSERT INTO orders (id, customer_id) VALUES (14, 1)", name);
  return name;
}

async function state(database: string) {
  return { dump: await schemaDump(database), rows: await tableContents(database) };
}

/** Another session's open transaction that read `table`: it holds a shared metadata lock on it until it ends. */
async function holdLock(database: string, table: string): Promise<Connection> {
  const c = await connect(mysqlUrlFor(database));
  await c.query("START TRANSACTION");
  await c.query(`SELECT COUNT(*) FROM \`${table}\``);
  return c;
}

async function loaded(url: string, database: string): Promise<ReplaceRestore> {
  const writer = new ReplaceRestore(url, database, undefined, { lockWaitSeconds: 1 });
  await writer.begin(schema);
  for (const t of tables) await writer.writeRows(t, snap.rows(t.ref));
  return writer;
}

beforeAll(async () => {
  source = await createMysqlDatabase("tm_myfail_src");
  await mysqlExec(SHOP, source.name);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "tm-myfail-"));
  repo = await Repository.init(new LocalStorage(dir), "pw", CHUNKER);
  snapshotId = (await backup({ connector: mysqlConnector(source.url), repo, type: "full", source: sourceOf(source.url) })).manifest.id;
  snap = await mysqlConnector(source.url).openSnapshot();
  schema = await snap.schema();
  tables = (await snap.shape()).tables;
  await mysqlExec(`CREATE USER '${restorer}'@'%' IDENTIFIED BY 'pw'; GRANT ALL PRIVILEGES ON \`tm\\_%\`.* TO '${restorer}'@'%'`);
});

afterAll(async () => {
  await snap?.close();
  await mysqlExec(`DROP USER IF EXISTS '${restorer}'@'%'`);
  await Promise.all(made.map((n) => dropMysqlDatabase(n)));
  await source?.drop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe("MySQL connector: replace in place, when it fails", () => {
  it("reports objects it could not recreate after the swap as a changed target, names where the originals are, and is never retried", async () => {
    const target = await driftedTarget();
    const drifted = await tableContents(target);
    const err = await restore({ repo, snapshotId, connector: mysqlConnector(restorerUrl(target)), target: { mode: "replace", database: target } }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    // The committed outcome: the job keeps the undo link, and lib/jobs/errors.ts never retries it.
    expect(err).toBeInstanceOf(RestoreCommittedError);
    expect(err?.message).toMatch(/target was changed/);
    expect(err?.message).toMatch(/view `customer_names` could not be recreated \(Access denied; you need .*SUPER/);
    expect(err?.message).toMatch(/trigger `orders_note` could not be recreated \(Access denied/);
    const old = /tm_old_[0-9a-f]{10}/.exec(err?.message ?? "")?.[0];
    expect(old).toBeDefined();
    made.push(old!);
    // The restored rows are in place; the replaced ones are where the message says.
    expect(await tableContents(target)).toEqual(await tableContents(source.name));
    expect(await tableContents(old!)).toEqual(drifted);
  });

  it("is still a changed target, never retried, when the connection is lost after the swap", async () => {
    const target = await driftedTarget();
    // A view the swap does not touch, held by another session: dropping it waits until the restore connection is killed.
    await mysqlExec("CREATE VIEW unrelated AS SELECT 1 AS one", target);
    const holder = await connect(mysqlUrlFor(target));
    await holder.query("START TRANSACTION");
    await holder.query("SELECT * FROM unrelated");
    try {
      const restoring = restore({ repo, snapshotId, connector: mysqlConnector(mysqlUrlFor(target)), target: { mode: "replace", database: target } }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      let waiting: { id: number }[] = [];
      for (let i = 0; i < 100 && !waiting.length; i++) {
        await new Promise((r) => setTimeout(r, 100));
        waiting = (await mysqlExec("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE INFO LIKE 'DROP VIEW IF EXISTS `unrelated`%'")) as { id: number }[];
      }
      expect(waiting).toHaveLength(1);
      await mysqlExec(`KILL ${waiting[0].id}`);
      const err = await restoring;
      // Retrying on the lost connection (a transient cause) would replace the target a second time.
      expect(err).toBeInstanceOf(RestoreCommittedError);
      expect((err?.cause as Error).cause).toMatchObject({ code: "PROTOCOL_CONNECTION_LOST" });
      expect(err?.message).toMatch(/target was changed, but the target's view `unrelated` could not be dropped \(Connection lost/);
      expect(err?.message).toMatch(/view `customer_names` could not be recreated \(not tried: Connection lost/);
      const old = /tm_old_[0-9a-f]{10}/.exec(err?.message ?? "")?.[0];
      expect(old).toBeDefined();
      made.push(old!);
    } finally {
      await holder.query("ROLLBACK");
      await closeQuietly(holder);
    }
  });

  it("gives up on a table another session holds within the lock wait timeout, leaving the target and its triggers as they were", async () => {
    const target = await driftedTarget();
    const unchanged = await state(target);
    const writer = await loaded(mysqlUrlFor(target), target);
    // orders' trigger is dropped before the RENAME waits on customers: it must be back afterwards.
    const holder = await holdLock(target, "customers");
    try {
      const started = Date.now();
      await expect(writer.commit()).rejects.toThrow(
        /^Replace rolled back, the target is unchanged: another session holds a lock on table `customers` .*gave up after waiting 1 s.*retry when it is idle/,
      );
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      await holder.query("ROLLBACK");
      await closeQuietly(holder);
    }
    expect(await state(target)).toEqual(unchanged);
  });

  it("names the triggers it dropped and could not put back when the swap itself failed", async () => {
    const target = await driftedTarget();
    const before = await tableContents(target);
    // The restricted login may drop root's trigger but not create it again under root's name.
    const writer = await loaded(restorerUrl(target), target);
    const holder = await holdLock(target, "customers");
    let err: unknown;
    try {
      err = await writer.commit().then(() => undefined, (e: unknown) => e);
    } finally {
      await holder.query("ROLLBACK");
      await closeQuietly(holder);
    }
    expect(err).toBeInstanceOf(TargetChangedError);
    expect(String((err as Error).message)).toMatch(/lock on table `customers`.*are unchanged, but the triggers it had dropped .*could not be recreated: `orders_note` on `orders` \(Access denied/);
    expect(await tableContents(target)).toEqual(before);
    expect(await mysqlExec("SHOW TRIGGERS", target)).toEqual([]);
  });
});
