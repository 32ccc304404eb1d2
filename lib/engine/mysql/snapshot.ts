// openSnapshot(): InnoDB consistent-snapshot transactions. One connection always; when the user may run
// FLUSH TABLES WITH READ LOCK, extra reader connections start their snapshots while the global read lock
// is held for a moment, so every connection sees the same instant and tables are read in parallel.
import { PassThrough, type Readable } from "node:stream";
import type { Connection, RowDataPacket } from "mysql2/promise";
import type { DatabaseShape, SchemaObjects, SnapshotReader, TableRef } from "../types";
import { readTables, rowsQuery, toShape, type MyTable } from "./introspect";
import { readRows } from "./read-rows";
import { captureSchema } from "./schema";
import { closeQuietly, connect, destroy, parseUrl } from "./session";
import { hiddenRoutinesWarning, isMariaDbVersion, nonTransactional } from "./server-info";

/** Reader connections beyond the first (used only when FLUSH TABLES WITH READ LOCK is allowed). */
const EXTRA_READERS = Number(process.env.TM_MYSQL_READERS ?? 1);
const START = "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY";
/**
 * WITH CONSISTENT SNAPSHOT means something only under REPEATABLE READ: a server (or account) configured for
 * READ COMMITTED, common on MySQL 8, would silently read every statement at a new instant (MySQL only warns).
 */
const REPEATABLE_READ = "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ";

type Row = RowDataPacket & Record<string, unknown>;

export class MySnapshotReader implements SnapshotReader {
  consistentAt!: Date;
  position?: string;
  serverVersion!: string;
  warnings: string[] = [];
  private tables = new Map<string, MyTable>();
  private partial = false;
  private idle: Connection[] = [];
  private all = new Set<Connection>();
  private waiting: { resolve: (c: Connection) => void; reject: (e: Error) => void }[] = [];
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly main: Connection,
  ) {}

  static async open(url: string, only?: TableRef[]): Promise<MySnapshotReader> {
    const main = await connect(url);
    const reader = new MySnapshotReader(url, main);
    reader.all.add(main);
    try {
      await reader.start(only);
    } catch (err) {
      await reader.close();
      throw err;
    }
    return reader;
  }

  private async start(only?: TableRef[]): Promise<void> {
    const c = this.main;
    this.partial = Boolean(only?.length);
    // Tables without a key are sorted by every column: sort on whole values, not the first 1 KB of them.
    await c.query("SET SESSION max_sort_length = 8388608").catch(() => {});
    await c.query(REPEATABLE_READ);
    const extras = EXTRA_READERS > 0 ? await this.startLocked(c) : null;
    if (!extras) await c.query(START);
    const [r] = await c.query<Row[]>("SELECT UTC_TIMESTAMP(6) AS now, VERSION() AS version");
    this.consistentAt = new Date(`${String(r[0].now).replace(" ", "T")}Z`);
    const version = String(r[0].version);
    this.serverVersion = `${isMariaDbVersion(version) ? "MariaDB" : "MySQL"} ${version.split("-")[0]}`;
    if (!this.position) this.position = await snapshotPosition(c);
    for (const t of await readTables(c, only)) this.tables.set(t.ref.name, t);
    const loose = [...this.tables.values()].filter((t) => nonTransactional(t.engine));
    if (loose.length) {
      this.warnings.push(
        `Not read consistently (non-transactional engine): ${loose.map((t) => `${t.ref.name} (${t.engine})`).join(", ")} — convert them to InnoDB for point-in-time backups`,
      );
    }
    if (!this.partial) {
      const hidden = await hiddenRoutinesWarning(c, parseUrl(this.url).database, version);
      if (hidden) this.warnings.push(hidden);
    }
    this.idle.push(c, ...(extras ?? []));
  }

  /**
   * FLUSH TABLES WITH READ LOCK, start the snapshot on every connection, note the binlog position, unlock.
   * Writers wait at most for the time it takes to open the readers. Returns null (single connection) when
   * the lock is not permitted or not granted within a few seconds.
   */
  private async startLocked(c: Connection): Promise<Connection[] | null> {
    const extras: Connection[] = [];
    try {
      for (let i = 0; i < EXTRA_READERS; i++) {
        const x = await connect(this.url);
        this.all.add(x);
        extras.push(x);
        await x.query("SET SESSION max_sort_length = 8388608").catch(() => {});
        await x.query(REPEATABLE_READ);
      }
      await c.query("SET SESSION lock_wait_timeout = 5");
      await c.query("FLUSH TABLES WITH READ LOCK");
    } catch {
      for (const x of extras) {
        this.all.delete(x);
        await closeQuietly(x);
      }
      await c.query("SET SESSION lock_wait_timeout = DEFAULT").catch(() => {});
      return null;
    }
    try {
      await c.query(START);
      for (const x of extras) await x.query(START);
      this.position = await binlogPosition(c);
    } finally {
      await c.query("UNLOCK TABLES");
      await c.query("SET SESSION lock_wait_timeout = DEFAULT").catch(() => {});
    }
    return extras;
  }

  async shape(): Promise<DatabaseShape> {
    return { database: parseUrl(this.url).database, tables: [...this.tables.values()].map(toShape) };
  }

  schema(): Promise<SchemaObjects> {
    return this.withConnection((c) => captureSchema(c, [...this.tables.values()], this.partial));
  }

  rows(table: TableRef): Readable {
    const t = this.tables.get(table.name);
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    out.on("error", () => {});
    if (!t) {
      process.nextTick(() => out.destroy(new Error(`Table ${table.name} is not part of this snapshot`)));
      return out;
    }
    void this.stream(t, out);
    return out;
  }

  private async stream(t: MyTable, out: PassThrough): Promise<void> {
    let c: Connection;
    try {
      c = await this.acquire();
    } catch (err) {
      out.destroy(err as Error);
      return;
    }
    const types = t.columns.filter((col) => !col.generated).map((col) => col.type);
    const { stream, done } = readRows(c, rowsQuery(t), types, `Reading table ${t.ref.name}`);
    stream.on("error", (err) => out.destroy(err));
    out.on("close", () => stream.destroy());
    stream.pipe(out);
    if ((await done) === "ok") this.release(c);
    else this.discard(c);
  }

  private async withConnection<T>(fn: (c: Connection) => Promise<T>): Promise<T> {
    const c = await this.acquire();
    try {
      return await fn(c);
    } finally {
      this.release(c);
    }
  }

  private acquire(): Promise<Connection> {
    if (this.closed) return Promise.reject(new Error("The snapshot is closed"));
    const c = this.idle.pop();
    if (c) return Promise.resolve(c);
    if (this.all.size === 0) return Promise.reject(new Error("Every snapshot connection failed: the snapshot can no longer be read"));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(c: Connection): void {
    if (this.closed) return;
    const next = this.waiting.shift();
    if (next) next.resolve(c);
    else this.idle.push(c);
  }

  /** A connection abandoned mid-result cannot be reused (and a fresh one would not see the snapshot). */
  private discard(c: Connection): void {
    this.all.delete(c);
    destroy(c);
    if (this.all.size === 0) for (const w of this.waiting.splice(0)) w.reject(new Error("Every snapshot connection failed: the snapshot can no longer be read"));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error("The snapshot was closed before this table was read"));
    const idle = new Set(this.idle);
    const all = [...this.all];
    this.all.clear();
    this.idle = [];
    await Promise.all(
      all.map(async (c) => {
        if (!idle.has(c)) return destroy(c);
        await c.query("COMMIT").catch(() => {});
        await closeQuietly(c);
      }),
    );
  }
}

/** Binlog file:position while the global read lock is held; undefined when binary logging is off or not permitted. */
async function binlogPosition(c: Connection): Promise<string | undefined> {
  for (const sql of ["SHOW BINARY LOG STATUS", "SHOW MASTER STATUS"]) {
    try {
      const [rows] = await c.query<Row[]>(sql);
      if (rows.length && rows[0].File) return `${String(rows[0].File)}:${String(rows[0].Position)}`;
      return undefined;
    } catch {
      // Older servers lack the first form; a user without REPLICATION CLIENT/BINLOG MONITOR lacks both.
    }
  }
  return undefined;
}

/** MariaDB reports the binlog position matching a consistent snapshot without any lock. */
async function snapshotPosition(c: Connection): Promise<string | undefined> {
  try {
    const [rows] = await c.query<Row[]>("SHOW STATUS LIKE 'binlog_snapshot_%'");
    const v = Object.fromEntries(rows.map((r) => [String(r.Variable_name), String(r.Value)]));
    if (v.binlog_snapshot_file) return `${v.binlog_snapshot_file}:${v.binlog_snapshot_position}`;
  } catch {
    // not MariaDB, or not permitted
  }
  return undefined;
}

