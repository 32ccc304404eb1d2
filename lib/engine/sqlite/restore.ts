// Restores build a complete new file beside the target and put it in place with one rename: into a new
// file (which must not exist), or over the existing one (in place; the application must reopen the file).
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
      if (this.target.tables) await this.beginTables(schema);
      else this.beginWhole(schema);
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  private beginWhole(schema: SchemaObjects): void {
    const db = this.openTemp();
    // Settings that shape the file itself must precede its first table.
    for (const p of ["page_size", "auto_vacuum", "encoding"]) if (this.settings[p]) db.exec(`PRAGMA ${p} = ${quoteLiteral(this.settings[p])}`);
    this.startBulk(db);
    for (const o of schema.objects.filter((x) => x.phase === "pre-data")) this.run(db, o);
    this.post = schema.objects.filter((o) => o.phase === "post-data");
  }

  /** Chosen tables: a consistent copy of the current file (VACUUM INTO), those tables rebuilt in it. */
  private async beginTables(schema: SchemaObjects): Promise<void> {
    const chosen = new Set(this.target.tables!.map((t) => t.name));
    const missing = [...chosen].filter((n) => !schema.objects.some((o) => o.kind === "table" && o.name === n));
    if (missing.length) throw new Error(`Not in the snapshot: ${missing.join(", ")}`);
    const live = openDatabase(this.file, false);
    try {
      live.exec(`VACUUM INTO ${quoteLiteral(this.temp)}`);
    } finally {
      live.close();
    }
    const db = this.openTemp();
    this.startBulk(db);
    db.exec("PRAGMA foreign_keys = OFF");
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
      if (!this.target.tables) {
        for (const p of ["user_version", "application_id"]) if (this.settings[p]) db.exec(`PRAGMA ${p} = ${Number(this.settings[p])}`);
      }
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
      this.done = true;
    } catch (err) {
      await this.abort();
      throw err;
    }
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
    // Whatever is still in the old file's WAL belongs to the old file: fold it in first, so no -wal file
    // beside the new one can be mistaken for its own.
    try {
      const live = openDatabase(this.file, false);
      live.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      live.close();
    } catch {
      // the old file is unreadable or busy: it is being replaced anyway
    }
    fs.renameSync(this.temp, this.file);
    this.notices.push(
      `Replaced ${this.file} by renaming a new file over it: applications that had it open still see the old database until they close and reopen it`,
    );
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
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
