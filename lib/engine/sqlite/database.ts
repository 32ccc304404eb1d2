// Opens SQLite files for Tidemark: URL parsing, quoting, and the table shapes read from the catalog.
import type { DatabaseSync } from "node:sqlite";
import type { ColumnInfo, TableRef, TableShape } from "../types";

/** sqlite:/path/file.db or sqlite:///path/file.db → the file path. */
export function fileOf(url: string): string {
  const file = url.replace(/^sqlite:(\/\/)?/i, "");
  if (!file || file === url) throw new Error("Invalid SQLite URL — expected sqlite:/path/file.db");
  return decodeURIComponent(file);
}

/** Always-quoted identifier: safe for quotes, spaces, unicode and reserved words. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * node:sqlite is loaded on first use, not at import: it prints an experimental-feature warning when loaded,
 * and every CLI run imports this connector through connectorFor().
 */
function sqlite(): typeof import("node:sqlite") {
  return process.getBuiltinModule("node:sqlite") as typeof import("node:sqlite");
}

export function openDatabase(file: string, readOnly: boolean): DatabaseSync {
  try {
    const db = new (sqlite().DatabaseSync)(file, { readOnly, open: true });
    // Another process writing the file: wait for it rather than fail at once.
    db.exec("PRAGMA busy_timeout = 10000");
    return db;
  } catch (err) {
    throw new Error(`Cannot open SQLite database ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export interface LiteTable extends TableShape {
  /** The rowid alias streamed as the first column of a rowid table without INTEGER PRIMARY KEY. */
  rowidAlias?: string;
  orderBy: string[];
}

interface XInfo {
  name: string;
  type: string;
  notnull: number | bigint;
  pk: number | bigint;
  hidden: number | bigint;
}

/**
 * Tables without a declared primary key are ordered by their rowid and carry it as a leading column
 * ("rowid", or "_rowid_"/"oid" when a real column takes that name): restores then keep every rowid, which
 * applications, FTS external content and foreign keys to rowid aliases depend on, and unchanged rows keep
 * their position (dedup). Only a table whose columns shadow all three aliases falls back to every column.
 */
export function readTables(db: DatabaseSync, only?: TableRef[]): LiteTable[] {
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .all() as { name: string; sql: string }[];
  const wanted = only ? new Set(only.map((t) => t.name)) : null;
  const out = rows
    .filter((r) => !wanted || wanted.has(r.name))
    .map((r): LiteTable => {
      const info = db.prepare(`PRAGMA table_xinfo(${quoteIdent(r.name)})`).all() as unknown as XInfo[];
      const columns: ColumnInfo[] = info
        .filter((c) => Number(c.hidden) !== 1)
        .map((c) => ({ name: c.name, type: c.type, nullable: Number(c.notnull) === 0, ...(Number(c.hidden) >= 2 ? { generated: true } : {}) }));
      const key = info.filter((c) => Number(c.pk) > 0).sort((a, b) => Number(a.pk) - Number(b.pk)).map((c) => c.name);
      const withoutRowid = /\)\s*(?:STRICT\s*,\s*)?WITHOUT\s+ROWID/i.test(r.sql) || /WITHOUT\s+ROWID\s*(?:,\s*STRICT)?\s*;?\s*$/i.test(r.sql);
      const names = new Set(columns.map((c) => c.name.toLowerCase()));
      const alias = key.length || withoutRowid ? undefined : ["rowid", "_rowid_", "oid"].find((a) => !names.has(a));
      const stored = columns.filter((c) => !c.generated);
      const count = Number((db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(r.name)}`).get() as { n: number }).n);
      return {
        ref: { schema: null, name: r.name },
        columns: alias ? [{ name: alias, type: "INTEGER", nullable: false }, ...columns] : columns,
        keyColumns: alias ? [alias] : key,
        rowEstimate: count,
        bytesEstimate: 0,
        ...(alias ? { rowidAlias: alias } : {}),
        orderBy: key.length ? key.map((k) => quoteIdent(k)) : alias ? [alias] : stored.map((c) => quoteIdent(c.name)),
      };
    });
  if (wanted && out.length < wanted.size) {
    const found = new Set(out.map((t) => t.ref.name));
    throw new Error(`Tables not found: ${[...wanted].filter((n) => !found.has(n)).join(", ")}`);
  }
  return out;
}

export function rowsQuery(t: LiteTable): string {
  const cols = t.columns.filter((c) => !c.generated).map((c) => (c.name === t.rowidAlias ? c.name : quoteIdent(c.name)));
  return `SELECT ${cols.join(", ")} FROM ${quoteIdent(t.ref.name)} ORDER BY ${t.orderBy.join(", ")}`;
}
