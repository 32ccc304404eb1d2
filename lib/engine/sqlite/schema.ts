// Schema capture from sqlite_schema: tables (WITHOUT ROWID and STRICT as written) and views before the rows,
// indexes, triggers and AUTOINCREMENT counters after; file-level settings (page size, user_version…) alongside.
import type { DatabaseSync } from "node:sqlite";
import type { SchemaObject, SchemaObjects } from "../types";
import { quoteLiteral } from "./database";

interface Entry {
  type: string;
  name: string;
  tbl_name: string;
  sql: string;
}

/** PRAGMAs that describe the file rather than a schema object, restored before anything is created. */
export const FILE_SETTINGS = ["page_size", "auto_vacuum", "encoding", "user_version", "application_id", "journal_mode"];

/** `only` (a backup of chosen tables): those tables with their indexes, triggers and counters, no views. */
export function captureSchema(db: DatabaseSync, only?: Set<string>): SchemaObjects {
  const entries = db
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")
    .all() as unknown as Entry[];
  const objects: SchemaObject[] = [];
  const of = (type: string) => entries.filter((e) => e.type === type && (!only || (type !== "view" && only.has(e.tbl_name))));
  // Creation order (rowid of sqlite_schema) already has every view after what it reads.
  for (const e of of("table")) objects.push({ kind: "table", schema: null, name: e.name, table: e.tbl_name, phase: "pre-data", ddl: e.sql });
  for (const e of of("view")) objects.push({ kind: "view", schema: null, name: e.name, phase: "pre-data", ddl: e.sql });
  for (const e of of("index")) objects.push({ kind: "index", schema: null, name: e.name, table: e.tbl_name, phase: "post-data", ddl: e.sql });
  for (const e of of("trigger")) objects.push({ kind: "trigger", schema: null, name: e.name, table: e.tbl_name, phase: "post-data", ddl: e.sql });
  const hasSequence = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'").get();
  if (hasSequence) {
    for (const s of db.prepare("SELECT name, seq FROM sqlite_sequence ORDER BY name").all() as { name: string; seq: number | bigint }[]) {
      if (only && !only.has(s.name)) continue;
      objects.push({
        kind: "sequence", schema: null, name: s.name, table: s.name, phase: "post-data",
        ddl: `DELETE FROM sqlite_sequence WHERE name = ${quoteLiteral(s.name)}; INSERT INTO sqlite_sequence (name, seq) VALUES (${quoteLiteral(s.name)}, ${String(s.seq)})`,
      });
    }
  }
  const settings: Record<string, string> = {};
  for (const p of FILE_SETTINGS) {
    const row = db.prepare(`PRAGMA ${p}`).get() as Record<string, unknown> | undefined;
    if (row) settings[p] = String(Object.values(row)[0]);
  }
  return { objects, settings };
}
