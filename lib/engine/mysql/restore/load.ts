// Runs captured DDL and LOAD DATA LOCAL INFILE on a restore connection, naming the object when the server refuses one.
import { Readable } from "node:stream";
import type { Connection, ResultSetHeader, RowDataPacket } from "mysql2/promise";
import { rowBlocks } from "../../../codec/row-splitter";
import type { SchemaObject, TableShape } from "../../types";
import { copyToLoadData, insertStatements, loadColumns } from "../values";
import { closeQuietly, connect, statementError } from "../session";
import { qualify, quoteIdent, quoteLiteral } from "../quote";
import { isMariaDbVersion } from "../server-info";
import { adaptSqlMode, sessionSettings } from "../sql-mode";

/**
 * Bulk-load session: no foreign key checks while loading data that was consistent when it was read (and
 * none when the foreign keys are added afterwards). unique_checks = 0 only on MySQL: on MariaDB 10.7+ it
 * also switches an empty table into the bulk-insert path (MDEV-24621), which measured 11–12 s instead of
 * 7–9 s for LOAD DATA of the bench's 1.5 M orders; with secondary keys built after the load, unique_checks
 * has nothing else to skip.
 */
async function loadSession(c: Connection): Promise<void> {
  await c.query("SET SESSION foreign_key_checks = 0");
  const [[v]] = await c.query<RowDataPacket[]>("SELECT VERSION() AS v");
  const mariadb = isMariaDbVersion(String(v.v));
  mariaDbTargets.set(c, mariadb);
  if (mariadb) return;
  await c.query("SET SESSION unique_checks = 0");
  // MySQL 8 servers may demand a primary key on every new table or add an invisible one (my_row_id): either
  // would refuse or change a restored table without a key. Changing them needs SESSION_VARIABLES_ADMIN; without
  // it the server's settings stay (the CREATE TABLE fails with the server's message, or verify sees my_row_id).
  await c.query("SET SESSION sql_require_primary_key = 0").catch(() => {});
  await c.query("SET SESSION sql_generate_invisible_primary_key = 0").catch(() => {});
}

/** Whether each restore connection's server is MariaDB (captured sql_modes are adapted to the target). */
const mariaDbTargets = new WeakMap<Connection, boolean>();

/**
 * LOAD DATA LOCAL INFILE (default) or batched multi-row INSERTs. Both were measured on the bench data
 * (docs/benchmarks.md); LOAD DATA is kept as the faster. A server with local_infile off (MySQL 8's default)
 * refuses LOAD DATA LOCAL, so each restore connection asks first and uses INSERT there, with a notice;
 * TM_MYSQL_LOAD=insert forces INSERT everywhere.
 */
type LoadPath = "infile" | "insert";
const loadPaths = new WeakMap<Connection, LoadPath>();

export const LOCAL_INFILE_OFF_NOTICE =
  "The server has local_infile off (MySQL 8's default), so rows were loaded with INSERT statements, which is slower. " +
  "SET GLOBAL local_infile = 1 lets Tidemark load with LOAD DATA LOCAL INFILE.";

async function chooseLoadPath(c: Connection): Promise<LoadPath> {
  if (process.env.TM_MYSQL_LOAD === "insert") return "insert";
  if (process.env.TM_MYSQL_LOAD === "infile") return "infile";
  try {
    const [[r]] = await c.query<RowDataPacket[]>("SELECT @@GLOBAL.local_infile AS li");
    return Number(r.li) === 1 ? "infile" : "insert";
  } catch {
    // A proxy or MySQL-compatible service that hides the variable: try LOAD DATA, whose refusal names the cause.
    return "infile";
  }
}

/** What the person restoring should know about how this connection loads rows. */
export function loadNotices(c: Connection): string[] {
  return loadPaths.get(c) === "insert" && process.env.TM_MYSQL_LOAD !== "insert" ? [LOCAL_INFILE_OFF_NOTICE] : [];
}

/**
 * Batched INSERTs of the canonical rows, exact literals per column kind. The session's sql_mode is not strict
 * (zero dates must load), so a value the column cannot hold would be changed with only a warning: any warning
 * fails the load, as with LOAD DATA.
 */
async function insertRows(c: Connection, database: string, name: string, table: TableShape, rows: Readable): Promise<void> {
  try {
    for await (const sql of insertStatements(name, table.columns, rows, qualify(database, name))) {
      const [res] = await c.query<ResultSetHeader>(sql);
      if (res.warningStatus > 0) throw await warningsError(c, res.warningStatus);
    }
  } catch (err) {
    rows.destroy();
    throw statementError(err, `Loading rows into ${table.ref.name}`);
  }
}

/** Row streams handed to LOAD DATA LOCAL INFILE by name (mysql2 asks the factory for the "file"). */
const streams = new Map<string, Readable>();
let seq = 0;

export async function restoreConnection(url: string, database: string): Promise<Connection> {
  const c = await connect(url, {
    database,
    infile: (name) => {
      const s = streams.get(name);
      if (!s) throw new Error(`No row stream named ${name}`);
      streams.delete(name);
      return s;
    },
  });
  try {
    await loadSession(c);
    loadPaths.set(c, await chooseLoadPath(c));
  } catch (err) {
    await closeQuietly(c);
    throw err;
  }
  return c;
}

async function warningsError(c: Connection, count: number): Promise<Error> {
  const [w] = await c.query<RowDataPacket[]>("SHOW WARNINGS LIMIT 3");
  return new Error(`${count} warning(s): ${w.map((x) => x.Message).join("; ")}`);
}

export function describeObject(o: SchemaObject): string {
  return `${o.kind} ${o.name}`;
}

/**
 * The SET statements that recreate an object's session on this connection's server: an empty sql_mode is set
 * too (it is a mode of its own), and modes the server does not know are left out, with a notice when leaving
 * one out changes how the object behaves.
 */
function sessionSets(c: Connection, o: SchemaObject, notices?: string[]): string[] {
  const sets: string[] = [];
  for (const [k, v] of sessionSettings(o)) {
    if (k !== "sql_mode") {
      sets.push(`SET SESSION ${k} = ${quoteLiteral(v)}`);
      continue;
    }
    const adapted = adaptSqlMode(v, mariaDbTargets.get(c) ?? true);
    if (adapted.changed.length) {
      const notice = `${describeObject(o)} was created under sql_mode ${adapted.changed.join(", ")}, which this server does not have: it was restored without ${adapted.changed.length > 1 ? "them" : "it"}`;
      if (notices && !notices.includes(notice)) notices.push(notice);
    }
    sets.push(`SET SESSION sql_mode = ${quoteLiteral(adapted.mode)}`);
  }
  return sets;
}

/** Runs one object's DDL under the session it was created with (sql_mode, client character set). */
export async function runObject(c: Connection, o: SchemaObject, notices?: string[]): Promise<void> {
  try {
    for (const sql of sessionSets(c, o, notices)) await c.query(sql);
    await c.query(o.ddl);
  } catch (err) {
    throw statementError(err, `Restoring ${describeObject(o)}`);
  } finally {
    if (o.session) {
      await c.query("SET NAMES utf8mb4").catch(() => {});
      await c.query("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'").catch(() => {});
      await c.query("SET time_zone = '+00:00'").catch(() => {});
    }
  }
}

export async function runObjects(c: Connection, objects: SchemaObject[], notices?: string[]): Promise<void> {
  for (const o of objects) await runObject(c, o, notices);
}

async function* transcode(rows: Readable): AsyncGenerator<Buffer> {
  for await (const block of rowBlocks(rows, 1 << 20)) yield copyToLoadData(block);
}

/** The server refused LOAD DATA LOCAL itself (local_infile off): 1148 on older servers, MariaDB 4166, MySQL 8 3948/3950. */
function localInfileRefused(err: unknown): boolean {
  const e = err as { errno?: number; code?: string };
  return (
    [1148, 3948, 3950, 4166].includes(Number(e.errno)) ||
    ["ER_NOT_ALLOWED_COMMAND", "ER_LOAD_INFILE_CAPABILITY_DISABLED", "ER_CLIENT_LOCAL_FILES_DISABLED"].includes(String(e.code))
  );
}

/**
 * LOAD DATA LOCAL INFILE from the row stream into `database`.`name`. With LOCAL the server turns bad values
 * and duplicate keys into warnings instead of errors, so any warning fails the load, quoting the first ones.
 * A server that refuses LOAD DATA LOCAL before asking for any rows (its local_infile could not be read up front)
 * gets the same rows as INSERTs, and `notices` says why the load was slower.
 */
export async function loadRows(c: Connection, database: string, name: string, table: TableShape, rows: Readable, notices?: string[]): Promise<void> {
  if (loadPaths.get(c) === "insert") return insertRows(c, database, name, table, rows);
  const file = `tidemark-rows-${process.pid}-${++seq}`;
  const source = Readable.from(transcode(rows), { objectMode: false, highWaterMark: 1 << 20 });
  streams.set(file, source);
  // mysql2 ends the upload quietly when its source fails: remember why, so a short load is never a success.
  let failed: Error | undefined;
  source.on("error", (err) => (failed ??= err));
  const { list, set } = loadColumns(table.columns.filter((col) => !col.generated), quoteIdent);
  const sql =
    `LOAD DATA LOCAL INFILE ${quoteLiteral(file)} INTO TABLE ${qualify(database, name)} CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${list})${set}`;
  try {
    const [res] = await c.query<ResultSetHeader>(sql);
    if (failed) throw failed;
    if (res.warningStatus > 0) throw await warningsError(c, res.warningStatus);
  } catch (err) {
    // Still in the map: the server never asked for the file, so not one row has been read yet.
    const untouched = streams.delete(file);
    if (untouched && localInfileRefused(err)) {
      source.destroy(); // ends the unstarted transcoder only: `rows` itself has not been read
      loadPaths.set(c, "insert");
      if (notices && !notices.includes(LOCAL_INFILE_OFF_NOTICE)) notices.push(LOCAL_INFILE_OFF_NOTICE);
      return insertRows(c, database, name, table, rows);
    }
    source.destroy();
    rows.destroy();
    throw statementError(err, `Loading rows into ${table.ref.name}`);
  }
}
