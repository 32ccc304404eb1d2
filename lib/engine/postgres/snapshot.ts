// openSnapshot(): one REPEATABLE READ READ ONLY transaction whose exported snapshot every reader connection
// shares, so tables read in parallel all see the same instant.
import { PassThrough, type Readable } from "node:stream";
import type pg from "pg";
import type { DatabaseShape, KeyRange, SchemaObjects, SnapshotReader, TableRef } from "../types";
import { keyRangeCondition, tableKey } from "../types";
import { integerKeyColumn, readTables, rowsQuery, toShape, type PgTable } from "./introspect";
import { CopyOut } from "./copy-out";
import { captureSchema } from "./schema/capture";
import { closeQuietly, connect, statementError } from "./session";
import { qualify } from "./quote";
import { unsupportedObjects } from "./unsupported";

/** Readers beyond the snapshot's own connection: enough to keep two cores busy, few enough for small servers. */
const MAX_READERS = 3;
/** Bytes buffered per table stream before COPY is paused (PostgreSQL sends ≈8 KB pieces). */
const STREAM_HIGH_WATER = 1 << 20;

export class PgSnapshotReader implements SnapshotReader {
  consistentAt!: Date;
  position?: string;
  serverVersion!: string;
  warnings: string[] = [];
  private snapshotId: string | null = null;
  private tables = new Map<string, PgTable>();
  private idle: pg.Client[] = [];
  private all = new Set<pg.Client>();
  private readers = 0;
  private waiting: { resolve: (c: pg.Client) => void; reject: (e: Error) => void }[] = [];
  private opening: Promise<pg.Client>[] = [];
  private closed = false;
  private broken = false;

  private constructor(
    private readonly url: string,
    private readonly main: pg.Client,
  ) {}

  static async open(url: string, only?: TableRef[]): Promise<PgSnapshotReader> {
    const main = await connect(url, "tidemark backup");
    const reader = new PgSnapshotReader(url, main);
    try {
      await reader.start(only);
    } catch (err) {
      await closeQuietly(main);
      throw err;
    }
    return reader;
  }

  private async start(only?: TableRef[]): Promise<void> {
    const c = this.main;
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // Exporting can fail behind some poolers (and cannot run in a savepoint): the backup then starts
    // over and reads every table on this one connection.
    try {
      this.snapshotId = (await c.query<{ snap: string }>("SELECT pg_catalog.pg_export_snapshot() AS snap")).rows[0].snap;
    } catch {
      await c.query("ROLLBACK");
      await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      this.snapshotId = null;
    }
    const r = await c.query<{ now: Date; version: string }>(
      "SELECT pg_catalog.now() AS now, pg_catalog.current_setting('server_version') AS version",
    );
    this.consistentAt = r.rows[0].now;
    this.serverVersion = `PostgreSQL ${r.rows[0].version.split(" ")[0]}`;
    // The WAL position needs pg_monitor-ish rights on some setups; a backup without it is still complete.
    await c.query("SAVEPOINT tidemark_lsn");
    try {
      const lsn = await c.query<{ lsn: string | null }>(
        `SELECT (CASE WHEN pg_catalog.pg_is_in_recovery() THEN pg_catalog.pg_last_wal_replay_lsn()
                      ELSE pg_catalog.pg_current_wal_lsn() END)::text AS lsn`,
      );
      if (lsn.rows[0].lsn) this.position = lsn.rows[0].lsn;
      await c.query("RELEASE SAVEPOINT tidemark_lsn");
    } catch {
      await c.query("ROLLBACK TO SAVEPOINT tidemark_lsn");
    }
    for (const t of await readTables(c, only)) this.tables.set(tableKey(t.ref), t);
    this.warnings = await unsupportedObjects(c);
    // ACCESS SHARE locks keep the tables from being dropped or altered under the backup (as pg_dump does).
    const names = [...this.tables.values()].map((t) => qualify(t.ref.schema, t.ref.name));
    for (let i = 0; i < names.length; i += 500) {
      await c.query(`LOCK TABLE ${names.slice(i, i + 500).join(", ")} IN ACCESS SHARE MODE`);
    }
  }

  async shape(): Promise<DatabaseShape> {
    const db = await this.main.query<{ db: string }>("SELECT pg_catalog.current_database() AS db");
    return { database: db.rows[0].db, tables: [...this.tables.values()].map(toShape) };
  }

  schema(): Promise<SchemaObjects> {
    return captureSchema(this.main);
  }

  rows(table: TableRef): Readable {
    const t = this.tables.get(tableKey({ schema: table.schema ?? "public", name: table.name }));
    const out = new PassThrough({ highWaterMark: STREAM_HIGH_WATER });
    // A failure may come before the caller attaches its handlers (it may still be waiting for a writer):
    // the error stays on the stream for pipeline()/for-await to report, instead of crashing the process.
    out.on("error", () => {});
    if (!t) {
      process.nextTick(() => out.destroy(new Error(`Table ${tableKey(table)} is not part of this snapshot`)));
      return out;
    }
    void this.stream(t, out, rowsQuery(t));
    return out;
  }

  rowsInRange(table: TableRef, range: KeyRange): Readable | null {
    const t = this.tables.get(tableKey({ schema: table.schema ?? "public", name: table.name }));
    const key = t ? integerKeyColumn(t) : null;
    if (!t || !key) return null;
    const out = new PassThrough({ highWaterMark: STREAM_HIGH_WATER });
    out.on("error", () => {});
    void this.stream(t, out, rowsQuery(t, keyRangeCondition(key, range)));
    return out;
  }

  private async stream(t: PgTable, out: PassThrough, query: string): Promise<void> {
    let client: pg.Client;
    try {
      client = await this.acquire();
    } catch (err) {
      out.destroy(err as Error);
      return;
    }
    const copy = client.query(new CopyOut(`COPY (${query}) TO STDOUT`, STREAM_HIGH_WATER));
    let finished = false;
    copy.on("error", (err) => {
      if (finished) return; // already discarded: the error is the connection we closed
      finished = true;
      out.destroy(statementError(err, `Reading table ${tableKey(t.ref)}`, this.url));
      // After a failed COPY the transaction is aborted: this reader can no longer see the snapshot.
      this.discard(client);
    });
    copy.on("end", () => {
      if (finished) return;
      finished = true;
      this.release(client);
    });
    // A consumer that stops early leaves the connection mid-COPY: it cannot be reused, so close it.
    out.on("close", () => {
      if (!finished) {
        finished = true;
        copy.unpipe(out);
        this.discard(client);
      }
    });
    copy.pipe(out);
  }

  private async acquire(): Promise<pg.Client> {
    if (this.closed) throw new Error("The snapshot is closed");
    if (this.broken) throw new Error("The backup snapshot was lost when a table read failed");
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.snapshotId === null && this.readers === 0) {
      this.readers = 1;
      return this.main;
    }
    if (this.snapshotId !== null && this.readers < MAX_READERS) {
      this.readers++;
      const p = this.openReader();
      this.opening.push(p);
      try {
        return await p;
      } catch (err) {
        this.readers--;
        throw err;
      } finally {
        this.opening = this.opening.filter((x) => x !== p);
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private async openReader(): Promise<pg.Client> {
    const c = await connect(this.url, "tidemark backup reader");
    try {
      await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await c.query(`SET TRANSACTION SNAPSHOT '${this.snapshotId}'`);
      this.all.add(c);
      return c;
    } catch (err) {
      await closeQuietly(c);
      throw statementError(err, "Joining the backup snapshot", this.url);
    }
  }

  private release(c: pg.Client): void {
    if (this.closed) {
      void closeQuietly(c);
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(c);
    else this.idle.push(c);
  }

  private discard(c: pg.Client): void {
    if (c === this.main) {
      // Without an exported snapshot the backup's only connection held it: nothing more can be read.
      this.broken = true;
      for (const w of this.waiting.splice(0)) w.reject(new Error("The backup snapshot was lost when a table read failed"));
    }
    this.readers--;
    this.all.delete(c);
    const stream = (c as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    stream?.destroy();
    void closeQuietly(c);
    const next = this.waiting.shift();
    if (next) this.acquire().then(next.resolve, next.reject);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(new Error("The snapshot was closed before this table was read"));
    await Promise.allSettled(this.opening);
    // Readers still streaming are closed too: closing the snapshot ends every read.
    const busy = new Set(this.all);
    for (const c of this.idle) busy.delete(c);
    for (const c of busy) (c as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    const all = [...this.all];
    this.all.clear();
    this.idle = [];
    await Promise.all(all.map(async (c) => { if (!busy.has(c)) await c.query("COMMIT").catch(() => {}); await closeQuietly(c); }));
    await this.main.query("COMMIT").catch(() => {});
    await closeQuietly(this.main);
  }
}
