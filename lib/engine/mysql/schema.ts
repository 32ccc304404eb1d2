// Schema capture with SHOW CREATE: tables (charsets, collations, AUTO_INCREMENT counters and foreign keys kept),
// routines, views in dependency order, then triggers and events, which run after the rows are loaded.
import type { Connection, RowDataPacket } from "mysql2/promise";
import type { SchemaObject, SchemaObjects } from "../types";
import { topoSort } from "../postgres/schema/order";
import type { MyTable } from "./introspect";
import { quoteIdent } from "./quote";

type Row = RowDataPacket & Record<string, unknown>;

const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString("utf8") : String(v ?? ""));

/** The session a stored program was created under: replaying it under another sql_mode can change its meaning. */
/** The session a routine, view, trigger or event was created under, from its SHOW CREATE row. */
export function sessionOf(r: Row): Record<string, string> {
  return {
    sql_mode: text(r.sql_mode),
    character_set_client: text(r.character_set_client),
    collation_connection: text(r.collation_connection),
  };
}

/**
 * Splits SHOW CREATE TABLE output into the table with its primary key only, plus its secondary keys and
 * foreign keys. Loading rows into the bare table and then building each key in one sorted pass is several
 * times faster than maintaining every index row by row; SHOW CREATE TABLE reads the same afterwards, since
 * the server lists keys in its own order (primary, unique, others). FULLTEXT and SPATIAL keys stay in the
 * table: adding them later rebuilds it.
 */
export function splitTableDdl(ddl: string): { table: string; keys: string[]; foreign: string[] } {
  const lines = ddl.split("\n");
  // Definitions are the indented lines up to ") ENGINE=…"; a partitioned table's PARTITION BY lines follow it.
  let close = lines.findIndex((l, i) => i > 0 && l.startsWith(")"));
  if (close === -1) close = lines.length - 1;
  // A partitioned table's unique keys stay: the partitioning may be defined by one (PARTITION BY KEY () on a
  // table without a primary key), and every unique key must cover the partitioning columns anyway.
  const partitioned = lines.slice(close).some((l) => /PARTITION BY /i.test(l));
  const movable = partitioned ? /^KEY / : /^(UNIQUE KEY|KEY) /;
  const keys: string[] = [];
  const foreign: string[] = [];
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    const body = line.trim().replace(/,$/, "");
    if (i > 0 && i < close && movable.test(body)) keys.push(body);
    else if (i > 0 && i < close && /^CONSTRAINT `(?:[^`]|``)+` FOREIGN KEY /.test(body)) foreign.push(body);
    else kept.push(line);
  }
  // The last definition line before ") ENGINE=…" must not end with a comma.
  const last = kept.length - (lines.length - close) - 1;
  if (last >= 1) kept[last] = kept[last].replace(/,$/, "");
  return { table: kept.join("\n"), keys, foreign };
}

/**
 * `partial` (a backup of chosen tables): only those tables with their keys and triggers — views, routines and
 * events may read tables that are not in the snapshot, and would fail a restore into a new database.
 */
export async function captureSchema(c: Connection, tables: MyTable[], partial = false): Promise<SchemaObjects> {
  const objects: SchemaObject[] = [];
  const [[db]] = await c.query<Row[]>(
    "SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS coll FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()",
  );
  const keys: SchemaObject[] = [];
  const foreign: SchemaObject[] = [];
  for (const t of tables) {
    const [[r]] = await c.query<Row[]>(`SHOW CREATE TABLE ${quoteIdent(t.ref.name)}`);
    const split = splitTableDdl(text(r["Create Table"]));
    objects.push({ kind: "table", schema: null, name: t.ref.name, table: t.ref.name, phase: "pre-data", ddl: split.table });
    const alter = `ALTER TABLE ${quoteIdent(t.ref.name)}`;
    if (split.keys.length) keys.push({ kind: "index", schema: null, name: `${t.ref.name} keys`, table: t.ref.name, phase: "post-data", ddl: `${alter} ${split.keys.map((k) => `ADD ${k}`).join(", ")}` });
    if (split.foreign.length) foreign.push({ kind: "constraint", schema: null, name: `${t.ref.name} foreign keys`, table: t.ref.name, phase: "post-data", ddl: `${alter} ${split.foreign.map((k) => `ADD ${k}`).join(", ")}` });
  }

  const names = new Set(tables.map((t) => t.ref.name));
  const [routines] = partial ? [[] as Row[]] : await c.query<Row[]>(
    "SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_TYPE, ROUTINE_NAME",
  );
  for (const rt of routines) {
    const type = text(rt.type).toUpperCase() === "FUNCTION" ? "FUNCTION" : "PROCEDURE";
    const [[r]] = await c.query<Row[]>(`SHOW CREATE ${type} ${quoteIdent(text(rt.name))}`);
    const ddl = r[type === "FUNCTION" ? "Create Function" : "Create Procedure"];
    if (ddl === null || ddl === undefined) throw new Error(`Cannot read the body of ${type.toLowerCase()} ${text(rt.name)}: grant SELECT on mysql.proc (MariaDB) or SHOW_ROUTINE (MySQL)`);
    objects.push({ kind: type.toLowerCase(), schema: null, name: text(rt.name), phase: "pre-data", ddl: text(ddl), session: sessionOf(r) });
  }

  const [viewNames] = partial ? [[] as Row[]] : await c.query<Row[]>("SELECT TABLE_NAME AS name FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME");
  const views: SchemaObject[] = [];
  for (const v of viewNames) {
    const [[r]] = await c.query<Row[]>(`SHOW CREATE VIEW ${quoteIdent(text(v.name))}`);
    views.push({ kind: "view", schema: null, name: text(v.name), phase: "pre-data", ddl: text(r["Create View"]), session: sessionOf(r) });
  }
  // A view's text names the views it reads as `name`: create those first (views on views).
  const viewList = views.map((v) => v.name);
  objects.push(...topoSort(views, (v) => v.name, (v) => viewList.filter((n) => n !== v.name && v.ddl.includes(quoteIdent(n)))));

  // Keys before foreign keys: a foreign key needs the index it uses on both sides.
  objects.push(...keys, ...foreign);

  const [triggers] = await c.query<Row[]>(
    `SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
      ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`,
  );
  for (const tr of triggers.filter((x) => names.has(text(x.tbl)))) {
    const [[r]] = await c.query<Row[]>(`SHOW CREATE TRIGGER ${quoteIdent(text(tr.name))}`);
    objects.push({
      kind: "trigger", schema: null, name: text(tr.name), table: text(tr.tbl), phase: "post-data",
      ddl: text(r["SQL Original Statement"]), session: sessionOf(r),
    });
  }

  const [events] = partial ? [[] as Row[]] : await c.query<Row[]>("SELECT EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME");
  for (const ev of events) {
    const [[r]] = await c.query<Row[]>(`SHOW CREATE EVENT ${quoteIdent(text(ev.name))}`);
    const session = { ...sessionOf(r), time_zone: text(r.time_zone) };
    objects.push({ kind: "event", schema: null, name: text(ev.name), phase: "post-data", ddl: text(r["Create Event"]), session });
  }
  return { objects, settings: { character_set: text(db.cs), collation: text(db.coll) } };
}
