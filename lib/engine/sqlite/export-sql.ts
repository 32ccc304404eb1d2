// SQL export in SQLite's dialect: a file the sqlite3 shell replays into a new database (`sqlite3 new.db < dump.sql`).
import { parseRow } from "../../codec/copy-text";
import { splitRows } from "../../codec/row-splitter";
import type { SchemaObject, SqlDialect, SqlExportInfo } from "../types";
import { quoteIdent, quoteLiteral } from "./database";
import { decodeValue, naturalOf, realText, type SqliteValue } from "./values";

const ROWID_ALIASES = new Set(["rowid", "_rowid_", "oid"]);

/** A literal that SQLite reads back as the same storage class and value. */
function literal(v: SqliteValue): string {
  if (v === null) return "NULL";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isFinite(v) ? realText(v) : v > 0 ? "9e999" : "-9e999";
  if (typeof v === "string") return quoteLiteral(v);
  return `X'${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex")}'`;
}

export const sqliteSqlDialect: SqlDialect = {
  preamble(info: SqlExportInfo): string {
    const s = info.settings ?? {};
    return [
      `-- Tidemark export of snapshot ${info.snapshot} (${info.type}) of ${info.identity}`,
      `-- ${info.serverVersion}, consistent at ${info.consistentAt}`,
      "-- Restore with: sqlite3 <new file> < <this file>",
      "PRAGMA foreign_keys = OFF;",
      ...(s.page_size ? [`PRAGMA page_size = ${Number(s.page_size)};`] : []),
      ...(s.auto_vacuum ? [`PRAGMA auto_vacuum = ${Number(s.auto_vacuum)};`] : []),
      ...(s.encoding ? [`PRAGMA encoding = ${quoteLiteral(s.encoding)};`] : []),
      "BEGIN TRANSACTION;",
      "",
    ].join("\n");
  },

  statement(o: SchemaObject): string {
    const ddl = o.ddl.trim();
    return ddl.endsWith(";") ? `${ddl}\n` : `${ddl};\n`;
  },

  async *tableRows(table, data) {
    const cols = table.columns.filter((c) => !c.generated);
    const naturals = cols.map((c) => naturalOf(c.type));
    // The rowid of a table without a declared key is written by its alias, unquoted, so it is kept too.
    const names = cols.map((c, i) => (i === 0 && ROWID_ALIASES.has(c.name.toLowerCase()) ? c.name : quoteIdent(c.name)));
    const head = `INSERT INTO ${quoteIdent(table.ref.name)} (${names.join(", ")}) VALUES (`;
    let out: string[] = [];
    for await (const line of splitRows(data)) {
      out.push(`${head}${parseRow(line).map((f, i) => literal(decodeValue(f, naturals[i]))).join(", ")});\n`);
      if (out.length >= 2000) {
        yield Buffer.from(out.join(""));
        out = [];
      }
    }
    if (out.length) yield Buffer.from(out.join(""));
  },

  epilogue(info: SqlExportInfo): string {
    const s = info.settings ?? {};
    return [
      ...(s.user_version ? [`PRAGMA user_version = ${Number(s.user_version)};`] : []),
      ...(s.application_id ? [`PRAGMA application_id = ${Number(s.application_id)};`] : []),
      "COMMIT;",
      ...(s.journal_mode?.toLowerCase() === "wal" ? ["PRAGMA journal_mode = WAL;"] : []),
      "",
    ].join("\n");
  },
};
