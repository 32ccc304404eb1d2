// openSnapshot(): one read transaction on a read-only connection. In WAL mode it pins the snapshot the first
// read sees while writers carry on; in rollback-journal mode its shared lock holds writers off until close().
import { Readable } from "node:stream";
import type { DatabaseSync } from "node:sqlite";
import { encodeRow } from "../../codec/copy-text";
import type { DatabaseShape, SchemaObjects, SnapshotReader, TableRef } from "../types";
import { openDatabase, readTables, rowsQuery, type LiteTable } from "./database";
import { captureSchema } from "./schema";
import { encodeValue, naturalOf, type SqliteValue } from "./values";

/** Bytes of rows produced per step: each step runs synchronously, so keep it short for the event loop. */
const BLOCK = 256 * 1024;

export class LiteSnapshotReader implements SnapshotReader {
  consistentAt = new Date();
  position?: string;
  serverVersion: string;
  warnings: string[] = [];
  private tables = new Map<string, LiteTable>();
  private closed = false;
  private only?: Set<string>;

  private constructor(
    private readonly file: string,
    private readonly db: DatabaseSync,
  ) {
    this.serverVersion = `SQLite ${(db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v}`;
  }

  static open(file: string, only?: TableRef[]): LiteSnapshotReader {
    const db = openDatabase(file, true);
    try {
      db.exec("BEGIN");
      const reader = new LiteSnapshotReader(file, db);
      if (only?.length) reader.only = new Set(only.map((t) => t.name));
      // The first read starts the snapshot: everything after sees the database as of this instant.
      for (const t of readTables(db, only)) reader.tables.set(t.ref.name, t);
      reader.consistentAt = new Date();
      const virtual = db.prepare("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'").all() as { name: string }[];
      if (virtual.length) reader.warnings.push(`Virtual tables are kept as DDL only, their rows are rebuilt by the module: ${virtual.map((v) => v.name).join(", ")}`);
      return reader;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  async shape(): Promise<DatabaseShape> {
    return { database: this.file, tables: [...this.tables.values()] };
  }

  async schema(): Promise<SchemaObjects> {
    return captureSchema(this.db, this.only);
  }

  rows(table: TableRef): Readable {
    const t = this.tables.get(table.name);
    if (!t) {
      const out = new Readable({ read() {} });
      out.on("error", () => {});
      process.nextTick(() => out.destroy(new Error(`Table ${table.name} is not part of this snapshot`)));
      return out;
    }
    return Readable.from(this.blocks(t), { objectMode: false, highWaterMark: 1 << 20 });
  }

  private *blocks(t: LiteTable): Generator<Buffer> {
    if (this.closed) throw new Error("The snapshot is closed");
    const stmt = this.db.prepare(rowsQuery(t));
    stmt.setReadBigInts(true);
    stmt.setReturnArrays(true);
    const naturals = t.columns.filter((c) => !c.generated).map((c) => naturalOf(c.type));
    let parts: Buffer[] = [];
    let size = 0;
    for (const row of stmt.iterate() as Iterable<SqliteValue[]>) {
      const line = encodeRow(row.map((v, i) => encodeValue(v, naturals[i])));
      parts.push(line);
      size += line.length;
      if (size >= BLOCK) {
        yield Buffer.concat(parts, size);
        parts = [];
        size = 0;
      }
    }
    if (size) yield Buffer.concat(parts, size);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.exec("COMMIT");
    } catch {
      // nothing to commit
    }
    this.db.close();
  }
}
