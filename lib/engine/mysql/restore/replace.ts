// In-place restore: tables are created and loaded in a shadow database, then ONE `RENAME TABLE` moves the
// originals out and the restored tables in. Until that statement the target is untouched (an error, abort()
// or a killed process leaves it as it was); the originals are dropped only after the swap succeeded.
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type { Connection, RowDataPacket } from "mysql2/promise";
import type { RestoreWriter, SchemaObject, SchemaObjects, TableRef, TableShape } from "../../types";
import { qualify, quoteIdent } from "../quote";
import { closeQuietly, connect, statementError } from "../session";
import { createDatabaseSql } from "./new-database";
import { loadNotices, loadRows, restoreConnection, runObject, runObjects } from "./load";
import { claimWorkDatabases, cleanUpStaleWorkDatabases } from "./stale-databases";
import { sessionOf } from "../schema";

type Row = RowDataPacket & Record<string, unknown>;
const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString("utf8") : String(v ?? ""));

/** `REFERENCES \`t\`` → `REFERENCES \`db\`.\`t\`` for tables outside the restored set, so the FK keeps pointing at the target's table. */
export function qualifyReferences(ddl: string, database: string, restored: Set<string>): string {
  return ddl.replace(/REFERENCES (`(?:[^`]|``)+`) \(/g, (m, q: string) => {
    const name = q.slice(1, -1).replaceAll("``", "`");
    return restored.has(name) ? m : `REFERENCES ${qualify(database, name)} (`;
  });
}

interface ChildKey {
  table: string;
  name: string;
  clause: string;
}

export class ReplaceRestore implements RestoreWriter {
  private c?: Connection;
  private shadow = `tm_shadow_${randomBytes(5).toString("hex")}`;
  private old = `tm_old_${randomBytes(5).toString("hex")}`;
  private schema?: SchemaObjects;
  private chosen = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private swapped = false;
  private finished = false;
  notices: string[] = [];

  constructor(
    private readonly url: string,
    private readonly database: string,
    private readonly tables?: TableRef[],
  ) {}

  async begin(schema: SchemaObjects): Promise<void> {
    this.schema = schema;
    const all = schema.objects.filter((o) => o.kind === "table").map((o) => o.name);
    const names = this.tables?.map((t) => t.name) ?? all;
    const missing = names.filter((n) => !all.includes(n));
    if (missing.length) throw new Error(`Not in the snapshot: ${missing.join(", ")}`);
    this.chosen = new Set(names);
    try {
      const c = await restoreConnection(this.url, this.database);
      this.c = c;
      await claimWorkDatabases(c, [this.shadow, this.old]);
      this.notices = [...(await cleanUpStaleWorkDatabases(c)), ...loadNotices(c)];
      await c.query(createDatabaseSql(this.shadow, schema.settings));
      await c.query(createDatabaseSql(this.old, schema.settings));
      await c.query(`USE ${quoteIdent(this.shadow)}`);
      for (const o of schema.objects) {
        if (o.kind === "table" && this.chosen.has(o.name)) await runObject(c, { ...o, ddl: qualifyReferences(o.ddl, this.database, this.chosen) });
      }
      await c.query(`USE ${quoteIdent(this.database)}`);
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  /** Loads go one after another on the restore connection. */
  writeRows(table: TableShape, rows: Readable): Promise<void> {
    const run = this.queue.then(() => {
      if (!this.c || this.finished) throw new Error("The restore is not open");
      return loadRows(this.c, this.shadow, table.ref.name, table, rows, this.notices);
    });
    this.queue = run.catch(() => {});
    return run;
  }

  async commit(): Promise<void> {
    await this.queue;
    const c = this.c;
    const schema = this.schema;
    if (!c || !schema || this.finished) throw new Error("The restore is not open");
    const whole = !this.tables;
    try {
      // Keys and foreign keys are built on the loaded shadow tables, before anything is swapped.
      await c.query(`USE ${quoteIdent(this.shadow)}`);
      for (const o of schema.objects) {
        if ((o.kind === "index" || o.kind === "constraint") && o.table !== undefined && this.chosen.has(o.table)) {
          await runObject(c, { ...o, ddl: qualifyReferences(o.ddl, this.database, this.chosen) });
        }
      }
      await c.query(`USE ${quoteIdent(this.database)}`);
      const existing = (await c.query<Row[]>("SELECT TABLE_NAME AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'"))[0].map((r) => text(r.n));
      const outgoing = existing.filter((n) => whole || this.chosen.has(n));
      const children = whole ? [] : await this.childKeys(c);
      // Tables with triggers cannot move to another database: their triggers go first (kept for a rollback).
      const [trig] = await c.query<Row[]>("SELECT TRIGGER_NAME AS n, EVENT_OBJECT_TABLE AS t FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()");
      // Kept with the session each was created under: a rollback recreates them exactly, sql_mode included.
      const dropped: SchemaObject[] = [];
      for (const t of trig.filter((r) => outgoing.includes(text(r.t)))) {
        const [[r]] = await c.query<Row[]>(`SHOW CREATE TRIGGER ${quoteIdent(text(t.n))}`);
        await c.query(`DROP TRIGGER ${quoteIdent(text(t.n))}`);
        dropped.push({ kind: "trigger", schema: null, name: text(t.n), table: text(t.t), phase: "post-data", ddl: text(r["SQL Original Statement"]), session: sessionOf(r) });
      }
      const moves = [
        ...outgoing.map((n) => `${qualify(this.database, n)} TO ${qualify(this.old, n)}`),
        ...[...this.chosen].map((n) => `${qualify(this.shadow, n)} TO ${qualify(this.database, n)}`),
      ];
      try {
        await c.query(`RENAME TABLE ${moves.join(", ")}`);
      } catch (err) {
        for (const o of dropped) await runObject(c, o).catch(() => {});
        throw err;
      }
      this.swapped = true;
      await this.afterSwap(c, schema, whole, children);
      this.finished = true;
    } catch (err) {
      await this.abort();
      throw statementError(err, this.swapped ? "Replace swapped the tables but could not finish" : "Replace rolled back, the target is unchanged");
    } finally {
      await closeQuietly(c);
    }
  }

  /** Foreign keys of tables outside the restored set that point into it (they follow the originals on RENAME). */
  private async childKeys(c: Connection): Promise<ChildKey[]> {
    const [rows] = await c.query<Row[]>(
      "SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS n, REFERENCED_TABLE_NAME AS r FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()",
    );
    const out: ChildKey[] = [];
    for (const r of rows.filter((x) => this.chosen.has(text(x.r)) && !this.chosen.has(text(x.t)))) {
      const [[d]] = await c.query<Row[]>(`SHOW CREATE TABLE ${quoteIdent(text(r.t))}`);
      const line = text(d["Create Table"]).split("\n").find((l) => l.trim().startsWith(`CONSTRAINT ${quoteIdent(text(r.n))} FOREIGN KEY`));
      if (line) out.push({ table: text(r.t), name: text(r.n), clause: line.trim().replace(/,$/, "") });
    }
    return out;
  }

  private async afterSwap(c: Connection, schema: SchemaObjects, whole: boolean, children: ChildKey[]): Promise<void> {
    for (const k of children) {
      await c.query(`ALTER TABLE ${quoteIdent(k.table)} DROP FOREIGN KEY ${quoteIdent(k.name)}`);
      await c.query(`ALTER TABLE ${quoteIdent(k.table)} ADD ${k.clause}`);
    }
    let objects: SchemaObject[];
    if (whole) {
      await this.dropProgramsAndViews(c);
      objects = schema.objects.filter((o) => o.kind !== "table" && o.kind !== "index" && o.kind !== "constraint");
    } else {
      objects = schema.objects.filter((o) => o.kind === "trigger" && o.table !== undefined && this.chosen.has(o.table));
    }
    await runObjects(c, objects, this.notices);
    await c.query(`DROP DATABASE ${quoteIdent(this.old)}`);
    await c.query(`DROP DATABASE ${quoteIdent(this.shadow)}`);
  }

  private async dropProgramsAndViews(c: Connection): Promise<void> {
    const q = async (sql: string) => (await c.query<Row[]>(sql))[0].map((r) => [text(r.a), text(r.b)]);
    for (const [name] of await q("SELECT TABLE_NAME AS a, '' AS b FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")) await c.query(`DROP VIEW IF EXISTS ${quoteIdent(name)}`);
    for (const [name, type] of await q("SELECT ROUTINE_NAME AS a, ROUTINE_TYPE AS b FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()")) {
      await c.query(`DROP ${type === "FUNCTION" ? "FUNCTION" : "PROCEDURE"} IF EXISTS ${quoteIdent(name)}`);
    }
    for (const [name] of await q("SELECT EVENT_NAME AS a, '' AS b FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()")) await c.query(`DROP EVENT IF EXISTS ${quoteIdent(name)}`);
    for (const [name] of await q("SELECT TRIGGER_NAME AS a, '' AS b FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")) await c.query(`DROP TRIGGER IF EXISTS ${quoteIdent(name)}`);
  }

  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await closeQuietly(this.c);
    // A fresh connection: the restore's own may be the one that was killed.
    const c = await connect(this.url, { database: "" }).catch(() => undefined);
    if (!c) return;
    try {
      await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.shadow)}`).catch(() => {});
      // After a swap the originals in the old database are the only copy of what was replaced: keep them.
      if (!this.swapped) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.old)}`).catch(() => {});
    } finally {
      await closeQuietly(c);
    }
  }
}
