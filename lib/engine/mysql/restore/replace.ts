// In-place restore: tables are created and loaded in a shadow database, then ONE `RENAME TABLE` moves the
// originals out and the restored tables in. Until that statement the target is untouched (an error, abort()
// or a killed process leaves it as it was); the originals are dropped only after the swap succeeded. A failure
// after the swap is a TargetChangedError naming what is missing and the database that keeps the originals.
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type { Connection, RowDataPacket } from "mysql2/promise";
import { TargetChangedError, type RestoreWriter, type SchemaObject, type SchemaObjects, type TableRef, type TableShape } from "../../types";
import { qualify, quoteIdent } from "../quote";
import { closeQuietly, connect } from "../session";
import { createDatabaseSql } from "./new-database";
import { loadNotices, loadRows, restoreConnection, runObject } from "./load";
import { claimWorkDatabases, cleanUpStaleWorkDatabases } from "./stale-databases";
import { sessionOf } from "../schema";
import { isFatal, isLockWait, lockHolder, serverMessage } from "./replace-errors";

type Row = RowDataPacket & Record<string, unknown>;
const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString("utf8") : String(v ?? ""));

/**
 * Seconds a statement on the live tables waits for another session's metadata lock. The servers' default
 * (a day on MariaDB, a year on MySQL) would leave the replace waiting while every query on the table queues
 * behind it, out of reach of a cancel.
 */
export const LOCK_WAIT_SECONDS = 60;

export interface ReplaceOptions {
  /** Overrides LOCK_WAIT_SECONDS (tests wait a second). */
  lockWaitSeconds?: number;
}

/** `REFERENCES \`t\`` → `REFERENCES \`db\`.\`t\`` for tables outside the restored set, so the FK keeps pointing at the target's table. */
export function qualifyReferences(ddl: string, database: string, restored: Set<string>): string {
  return ddl.replace(/REFERENCES (`(?:[^`]|``)+`) \(/g, (m, q: string) => {
    const name = q.slice(1, -1).replaceAll("``", "`");
    return restored.has(name) ? m : `REFERENCES ${qualify(database, name)} (`;
  });
}

/** What a replace could not do after the swap. */
interface Failure {
  /** What is not as the snapshot has it ("view `v` could not be recreated"). */
  what: string;
  err: unknown;
  /** Said instead of the server's message (a lock wait names the table). */
  why?: string;
}

interface ChildKey {
  table: string;
  name: string;
  clause: string;
  /** The restored table it references. */
  parent: string;
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
  private readonly lockWait: number;
  notices: string[] = [];

  constructor(
    private readonly url: string,
    private readonly database: string,
    private readonly tables?: TableRef[],
    options: ReplaceOptions = {},
  ) {
    this.lockWait = Math.max(1, Math.floor(options.lockWaitSeconds ?? LOCK_WAIT_SECONDS));
  }

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
      await c.query(`SET SESSION lock_wait_timeout = ${this.lockWait}`);
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
      const children = await this.swap(c, schema, whole);
      const failed: Failure[] = [];
      await this.afterSwap(c, schema, whole, children, failed).catch((err: unknown) => failed.push({ what: "could not finish the swap", err }));
      if (failed.length) {
        throw new TargetChangedError(
          `Replace swapped the restored tables into ${quoteIdent(this.database)}, so the target was changed, but ` +
            `${failed.map((f) => `${f.what} (${f.why ?? serverMessage(f.err)})`).join("; ")}. ` +
            `The tables it replaced are kept in the database ${quoteIdent(this.old)}. Create what is missing by hand, or undo the restore`,
          { cause: failed[0].err },
        );
      }
      await this.dropWorkDatabases(c);
      this.finished = true;
    } catch (err) {
      await this.abort();
      throw err;
    } finally {
      await closeQuietly(c);
    }
  }

  /**
   * Builds the keys on the shadow tables, then swaps them in with one RENAME TABLE. Any failure before that leaves
   * the target as it was, with the triggers it dropped put back; one it cannot put back is a TargetChangedError.
   */
  private async swap(c: Connection, schema: SchemaObjects, whole: boolean): Promise<ChildKey[]> {
    const dropped: SchemaObject[] = [];
    let waitingOn: string[] = [];
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
      for (const t of trig.filter((r) => outgoing.includes(text(r.t)))) {
        waitingOn = [text(t.t)];
        const [[r]] = await c.query<Row[]>(`SHOW CREATE TRIGGER ${quoteIdent(text(t.n))}`);
        await c.query(`DROP TRIGGER ${quoteIdent(text(t.n))}`);
        // Kept with the session it was created under: a rollback recreates it exactly, sql_mode included.
        dropped.push({ kind: "trigger", schema: null, name: text(t.n), table: text(t.t), phase: "post-data", ddl: text(r["SQL Original Statement"]), session: sessionOf(r) });
      }
      const moves = [
        ...outgoing.map((n) => `${qualify(this.database, n)} TO ${qualify(this.old, n)}`),
        ...[...this.chosen].map((n) => `${qualify(this.shadow, n)} TO ${qualify(this.database, n)}`),
      ];
      waitingOn = [...new Set([...outgoing, ...this.chosen])];
      await c.query(`RENAME TABLE ${moves.join(", ")}`);
      this.swapped = true;
      return children;
    } catch (err) {
      const lost: string[] = [];
      for (const o of dropped) {
        await runObject(c, o).catch((e: unknown) => lost.push(`${quoteIdent(o.name)} on ${quoteIdent(o.table ?? "")} (${serverMessage(e)})`));
      }
      const why = isLockWait(err)
        ? `${lockHolder(await this.heldTables(c, waitingOn), this.lockWait)}; retry when it is idle (SHOW PROCESSLIST shows the sessions using it)`
        : String((err as Error)?.message ?? err);
      if (lost.length) {
        throw new TargetChangedError(
          `Replace stopped before swapping the tables: ${why}. The tables of ${quoteIdent(this.database)} are unchanged, but the triggers it had dropped ` +
            `to move them could not be recreated: ${lost.join("; ")}. Create them again by hand, or undo the restore`,
          { cause: err },
        );
      }
      throw new Error(`Replace rolled back, the target is unchanged: ${why}`, { cause: err });
    }
  }

  /**
   * Which of `tables` another session still holds, so the message names the table: a LOCK TABLES … WRITE that
   * waits at most a second on each. All of them when that cannot tell.
   */
  private async heldTables(c: Connection, tables: string[]): Promise<string[]> {
    if (tables.length < 2) return tables;
    const held: string[] = [];
    try {
      await c.query("SET SESSION lock_wait_timeout = 1");
      for (const t of tables) {
        await c.query(`LOCK TABLES ${qualify(this.database, t)} WRITE`).catch((err: unknown) => {
          if (isLockWait(err)) held.push(t);
        });
      }
      await c.query("UNLOCK TABLES");
    } catch {
      return tables;
    }
    return held.length ? held : tables;
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
      if (line) out.push({ table: text(r.t), name: text(r.n), clause: line.trim().replace(/,$/, ""), parent: text(r.r) });
    }
    return out;
  }

  /**
   * After the swap: child foreign keys re-pointed at the restored tables and, for a whole database, the views,
   * routines, events and triggers replaced. A failed step does not stop the others, so as much of the snapshot as
   * possible is in place; each failure goes into `failed`.
   */
  private async afterSwap(c: Connection, schema: SchemaObjects, whole: boolean, children: ChildKey[], failed: Failure[]): Promise<void> {
    let gone: unknown;
    const step = async (what: string, run: () => Promise<unknown>, tables: string[] = []): Promise<boolean> => {
      if (gone !== undefined) {
        failed.push({ what, err: gone, why: `not tried: ${serverMessage(gone)}` });
        return false;
      }
      try {
        await run();
        return true;
      } catch (err) {
        failed.push({ what, err, ...(isLockWait(err) && tables.length ? { why: lockHolder(tables, this.lockWait) } : {}) });
        if (isFatal(err)) gone = err;
        return false;
      }
    };
    for (const k of children) {
      const fk = `foreign key ${quoteIdent(k.name)} of ${quoteIdent(k.table)}`;
      const dropped = await step(`${fk} still references the replaced table, now ${qualify(this.old, k.parent)}`, () => c.query(`ALTER TABLE ${quoteIdent(k.table)} DROP FOREIGN KEY ${quoteIdent(k.name)}`), [k.table, k.parent]);
      if (dropped) await step(`${fk} was dropped and could not be added back`, () => c.query(`ALTER TABLE ${quoteIdent(k.table)} ADD ${k.clause}`), [k.table, k.parent]);
    }
    let objects: SchemaObject[];
    if (whole) {
      for (const o of await this.programsAndViews(c)) {
        await step(`the target's ${o.kind.toLowerCase()} ${quoteIdent(o.name)} could not be dropped`, () => c.query(`DROP ${o.kind} IF EXISTS ${quoteIdent(o.name)}`), o.kind === "VIEW" ? [o.name] : []);
      }
      objects = schema.objects.filter((o) => o.kind !== "table" && o.kind !== "index" && o.kind !== "constraint");
    } else {
      objects = schema.objects.filter((o) => o.kind === "trigger" && o.table !== undefined && this.chosen.has(o.table));
    }
    for (const o of objects) await step(`${o.kind} ${quoteIdent(o.name)} could not be recreated`, () => runObject(c, o, this.notices), o.table ? [o.table] : []);
  }

  /** The target's own views, routines, events and triggers, which a whole-database replace swaps for the snapshot's. */
  private async programsAndViews(c: Connection): Promise<{ kind: string; name: string }[]> {
    const q = async (sql: string) => (await c.query<Row[]>(sql))[0].map((r) => ({ kind: text(r.k), name: text(r.n) }));
    return [
      ...(await q("SELECT 'VIEW' AS k, TABLE_NAME AS n FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")),
      ...(await q("SELECT IF(ROUTINE_TYPE = 'FUNCTION', 'FUNCTION', 'PROCEDURE') AS k, ROUTINE_NAME AS n FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()")),
      ...(await q("SELECT 'EVENT' AS k, EVENT_NAME AS n FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()")),
      ...(await q("SELECT 'TRIGGER' AS k, TRIGGER_NAME AS n FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")),
    ];
  }

  /** The replaced originals and the emptied shadow database. The restore is complete: one left behind is a notice, not a failure. */
  private async dropWorkDatabases(c: Connection): Promise<void> {
    for (const db of [this.old, this.shadow]) {
      await c.query(`DROP DATABASE ${quoteIdent(db)}`).catch((err: unknown) => {
        this.notices.push(`The restore could not drop its work database ${quoteIdent(db)} (${serverMessage(err)}): drop it with DROP DATABASE ${quoteIdent(db)} once it is not needed.`);
      });
    }
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
      // After a swap the originals in the old database are the only copy of what was replaced: keep them. A RENAME
      // whose connection dropped may still complete on the server (dropping the shadow above waits for it), so a
      // non-empty old database is kept too; a later replace names it.
      if (!this.swapped && (await this.isEmpty(c, this.old))) await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.old)}`).catch(() => {});
    } finally {
      await closeQuietly(c);
    }
  }

  /** Whether `database` holds no table (false when that cannot be read: keeping it is the safe side). */
  private async isEmpty(c: Connection, database: string): Promise<boolean> {
    try {
      const [[r]] = await c.query<Row[]>("SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?", [database]);
      return Number(r.n) === 0;
    } catch {
      return false;
    }
  }
}
