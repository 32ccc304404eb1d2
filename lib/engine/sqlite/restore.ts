// Restores of a whole database build a complete new file beside the target and put it in place with one rename:
// into a new file (which must not exist), or over the existing one (in place; the application must reopen the
// file). Chosen tables are replaced inside the live file, in one transaction.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import type { DatabaseSync } from "node:sqlite";
import { parseRow } from "../../codec/copy-text";
import { splitRows } from "../../codec/row-splitter";
import type { RestoreTarget, RestoreWriter, SchemaObject, SchemaObjects, TableShape } from "../types";
import { openDatabase, quoteIdent, quoteLiteral } from "./database";
import { decodeValue, naturalOf } from "./values";

const ROWID_ALIASES = new Set(["rowid", "_rowid_", "oid"]);
const SQLITE_BUSY = 5;
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** The primary SQLite result code of a node:sqlite error (0 for any other error). */
function sqliteCode(err: unknown): number {
  return ((err as { errcode?: number }).errcode ?? 0) & 0xff;
}

/** A failed locking step, with what to do when the cause is another connection holding the file. */
function lockError(what: string, err: unknown): Error {
  const hint = sqliteCode(err) === SQLITE_BUSY ? " — another connection kept it busy for 10 s; retry when it is idle" : "";
  return new Error(`${what}: ${(err as Error).message}${hint}`, { cause: err });
}

/** The file's journal mode, or undefined when it is not a readable database (a restore may well replace such a file). */
function journalModeOf(db: DatabaseSync): string | undefined {
  try {
    return String(Object.values(db.prepare("PRAGMA journal_mode").get() as object)[0]).toLowerCase();
  } catch (err) {
    if ([SQLITE_CORRUPT, SQLITE_NOTADB].includes(sqliteCode(err))) return undefined;
    throw err;
  }
}

function openElsewhere(file: string, cause: unknown): Error {
  return new Error(
    `Cannot replace ${file} in place: it is in WAL mode and another connection (an application, a sqlite3 shell) has it open, ` +
      "and a new file renamed under that connection would be paired with its -wal and -shm files and corrupted. " +
      "Close every connection to the file (stop the application) and retry, restore chosen tables instead (they are replaced inside the open file), or restore into a new file",
    { cause },
  );
}

/**
 * Refuses before a long load what install() would refuse at the end, changing nothing in the file. In WAL mode every
 * open connection keeps a shared lock on the file, so an exclusive lock is granted only when no other one has it open.
 */
function refuseIfOpenInWal(file: string): void {
  const db = openDatabase(file, false);
  try {
    if (journalModeOf(db) !== "wal") return;
    db.exec("PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE");
    try {
      db.exec("BEGIN EXCLUSIVE; ROLLBACK");
    } catch (err) {
      throw sqliteCode(err) === SQLITE_BUSY ? openElsewhere(file, err) : err;
    }
  } finally {
    db.close();
  }
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Temp files of restores that were killed before they could clean up. A running restore holds a write
 * transaction on its temp file, so one whose lock can be taken at once is abandoned and safe to remove.
 */
function removeStaleTemps(file: string): void {
  const prefix = `.${path.basename(file)}.tidemark-`;
  const dir = path.dirname(file);
  for (const name of fs.readdirSync(dir).filter((n) => n.startsWith(prefix) && n.endsWith(".tmp"))) {
    const temp = path.join(dir, name);
    try {
      const db = openDatabase(temp, false);
      try {
        db.exec("PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK");
      } finally {
        db.close();
      }
      fs.rmSync(temp, { force: true });
    } catch {
      // in use by a restore that is still running
    }
  }
}

export class FileRestore implements RestoreWriter {
  notices: string[] = [];
  private db?: DatabaseSync;
  private readonly temp: string;
  private post: SchemaObject[] = [];
  private settings: Record<string, string> = {};
  private queue: Promise<unknown> = Promise.resolve();
  private done = false;

  constructor(
    private readonly file: string,
    private readonly target: RestoreTarget,
  ) {
    this.temp = path.join(path.dirname(file), `.${path.basename(file)}.tidemark-${randomBytes(4).toString("hex")}.tmp`);
  }

  async begin(schema: SchemaObjects): Promise<void> {
    try {
      removeStaleTemps(this.file);
      this.settings = schema.settings ?? {};
      if (this.target.tables) this.beginTables(schema);
      else this.beginWhole(schema);
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  private beginWhole(schema: SchemaObjects): void {
    if (this.target.mode === "replace") refuseIfOpenInWal(this.file);
    const db = this.openTemp();
    // Settings that shape the file itself must precede its first table.
    for (const p of ["page_size", "auto_vacuum", "encoding"]) if (this.settings[p]) db.exec(`PRAGMA ${p} = ${quoteLiteral(this.settings[p])}`);
    this.startBulk(db);
    for (const o of schema.objects.filter((x) => x.phase === "pre-data")) this.run(db, o);
    this.post = schema.objects.filter((o) => o.phase === "post-data");
  }

  /**
   * Chosen tables are replaced inside the live file in one write transaction, so the other tables stay live: their
   * writers wait for the lock (up to their busy timeout) instead of writing into a file that is about to be replaced,
   * and an error or a kill leaves the file as it was (SQLite's rollback journal or WAL undoes the transaction).
   * Readers carry on in WAL mode; in rollback-journal mode they wait once the transaction spills into the file.
   */
  private beginTables(schema: SchemaObjects): void {
    const chosen = new Set(this.target.tables!.map((t) => t.name));
    const missing = [...chosen].filter((n) => !schema.objects.some((o) => o.kind === "table" && o.name === n));
    if (missing.length) throw new Error(`Not in the snapshot: ${missing.join(", ")}`);
    const db = openDatabase(this.file, false);
    this.db = db;
    // Only settable outside a transaction. Off, dropping a table cannot cascade into other tables' rows.
    db.exec("PRAGMA foreign_keys = OFF");
    try {
      db.exec("BEGIN IMMEDIATE");
    } catch (err) {
      throw lockError(`Cannot lock ${this.file} for writing`, err);
    }
    // Dropping a table drops its indexes and triggers; views that read it work again once it is recreated.
    for (const n of chosen) db.exec(`DROP TABLE IF EXISTS ${quoteIdent(n)}`);
    const mine = (o: SchemaObject) => o.table !== undefined && chosen.has(o.table);
    for (const o of schema.objects.filter((x) => x.phase === "pre-data" && x.kind === "table" && mine(x))) this.run(db, o);
    this.post = schema.objects.filter((o) => o.phase === "post-data" && mine(o));
  }

  private openTemp(): DatabaseSync {
    const db = openDatabase(this.temp, false);
    this.db = db;
    return db;
  }

  /** The temporary file is thrown away on any failure, so it needs no journal until it is complete. */
  private startBulk(db: DatabaseSync): void {
    db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; BEGIN");
  }

  private run(db: DatabaseSync, o: SchemaObject): void {
    try {
      db.exec(o.ddl);
    } catch (err) {
      throw new Error(`Restoring ${o.kind} ${o.name}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** One connection, one transaction: loads are queued. */
  writeRows(table: TableShape, rows: Readable): Promise<void> {
    const run = this.queue.then(() => this.load(table, rows));
    this.queue = run.catch(() => {});
    return run;
  }

  private async load(table: TableShape, rows: Readable): Promise<void> {
    const db = this.db;
    if (!db || this.done) throw new Error("The restore is not open");
    const real = new Set((db.prepare(`PRAGMA table_info(${quoteIdent(table.ref.name)})`).all() as { name: string }[]).map((c) => c.name));
    const cols = table.columns.filter((c) => !c.generated);
    const names = cols.map((c) => (ROWID_ALIASES.has(c.name.toLowerCase()) && !real.has(c.name) ? c.name : quoteIdent(c.name)));
    const naturals = cols.map((c) => naturalOf(c.type));
    const insert = db.prepare(`INSERT INTO ${quoteIdent(table.ref.name)} (${names.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
    try {
      for await (const line of splitRows(rows)) {
        const fields = parseRow(line);
        insert.run(...fields.map((f, i) => decodeValue(f, naturals[i])));
      }
    } catch (err) {
      throw new Error(`Loading rows into ${table.ref.name}: ${(err as Error).message}`, { cause: err });
    }
  }

  async commit(): Promise<void> {
    await this.queue;
    const db = this.db;
    if (!db || this.done) throw new Error("The restore is not open");
    try {
      for (const o of this.post) this.run(db, o);
      if (this.target.tables) this.commitTables(db, this.target.tables.map((t) => t.name));
      else this.commitWhole(db);
      this.done = true;
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  /** Checks the rebuilt tables and their indexes before anyone can see them (the rest of the file is not ours to check). */
  private commitTables(db: DatabaseSync, tables: string[]): void {
    for (const t of tables) {
      const check = Object.values(db.prepare(`PRAGMA quick_check(${quoteIdent(t)})`).get() as object)[0];
      if (check !== "ok") throw new Error(`The restored table "${t}" failed PRAGMA quick_check: ${String(check)}`);
    }
    try {
      db.exec("COMMIT");
    } catch (err) {
      // In rollback-journal mode the commit waits for readers to finish.
      throw lockError(`Cannot commit the restored tables to ${this.file}`, err);
    }
    db.close();
    this.db = undefined;
  }

  private commitWhole(db: DatabaseSync): void {
    for (const p of ["user_version", "application_id"]) if (this.settings[p]) db.exec(`PRAGMA ${p} = ${Number(this.settings[p])}`);
    db.exec("COMMIT");
    const check = db.prepare("PRAGMA quick_check").get() as Record<string, string>;
    if (Object.values(check)[0] !== "ok") throw new Error(`The restored file failed PRAGMA quick_check: ${Object.values(check)[0]}`);
    const journal = this.settings.journal_mode?.toLowerCase() === "wal" ? "WAL" : "DELETE";
    db.exec(`PRAGMA journal_mode = ${journal}`);
    db.close();
    this.db = undefined;
    fsyncPath(this.temp);
    this.install();
    fsyncPath(path.dirname(this.file));
  }

  /** The one step that changes the target: link (new file, never overwriting) or rename (in place). */
  private install(): void {
    if (this.target.mode === "new") {
      try {
        fs.linkSync(this.temp, this.file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new Error(`${this.file} already exists — choose another file or restore in place`);
        throw err;
      }
      fs.unlinkSync(this.temp);
      return;
    }
    const live = openDatabase(this.file, false);
    try {
      const journal = journalModeOf(live);
      // Not a database (what is being restored over may be a corrupt file): nothing to fold in or to lock.
      if (journal === undefined) fs.renameSync(this.temp, this.file);
      else this.renameLocked(live, journal === "wal");
    } finally {
      // Ends the transaction renameLocked() left open, releasing the old file only once it has been replaced.
      live.close();
    }
    this.notices.push(
      `Replaced ${this.file} by renaming a new file over it: applications that had it open still see the old database until they close and reopen it`,
    );
  }

  /**
   * A connection that has the file open in WAL mode would keep its -wal and -shm files beside the new file, and its
   * next write would go into a WAL that SQLite then reads as the new file's (corruption). Leaving WAL mode folds the
   * WAL into the old file and deletes -wal and -shm, and SQLite allows it only when no other connection has the file
   * open, so it doubles as the check: such a restore is refused. (Writing through SQLite's backup API into the open
   * file would spare the reopen, but cannot change a WAL file's page size; rename keeps the restore exact and simple.)
   * The exclusive lock then keeps everyone off the old file, and out of WAL mode, until it has been renamed over.
   */
  private renameLocked(live: DatabaseSync, wal: boolean): void {
    if (wal) {
      try {
        live.exec("PRAGMA journal_mode = DELETE");
      } catch (err) {
        throw sqliteCode(err) === SQLITE_BUSY ? openElsewhere(this.file, err) : err;
      }
    }
    try {
      try {
        live.exec("BEGIN EXCLUSIVE");
      } catch (err) {
        throw lockError(`Cannot lock ${this.file} to replace it`, err);
      }
      fs.renameSync(this.temp, this.file);
    } catch (err) {
      // The old file stays: leave it in the journal mode it had.
      if (wal) {
        try {
          if (live.isTransaction) live.exec("ROLLBACK");
          live.exec("PRAGMA journal_mode = WAL");
        } catch {
          // the contents are unchanged either way
        }
      }
      throw err;
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      // The live file (chosen tables): undo everything. A temp file has no journal to roll back; it is deleted.
      if (this.target.tables && this.db?.isTransaction) this.db.exec("ROLLBACK");
      this.db?.close();
    } catch {
      // already closed
    }
    this.db = undefined;
    fs.rmSync(this.temp, { force: true });
    fs.rmSync(`${this.temp}-journal`, { force: true });
    fs.rmSync(`${this.temp}-wal`, { force: true });
    fs.rmSync(`${this.temp}-shm`, { force: true });
  }
}
