// Restore into a new database: create it, replay pre-data, load tables in parallel, build indexes in
// parallel, then the rest of post-data. Any failure drops the half-made database.
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { rowBlocks } from "../../../codec/row-splitter";
import type pg from "pg";
import type { RestoreWriter, SchemaObject, SchemaObjects, TableRef, TableShape } from "../../types";
import { quoteIdent, quoteLiteral, qualify } from "../quote";
import { closeQuietly, connect, statementError, urlForDatabase } from "../session";
import { copyRows, isIndexBuild, RESTORE_SESSION, runObject } from "./run-ddl";
import { runScoped, scopeToTables } from "./scope";

/** Connections loading at once: COPY FROM is server-bound, one backend per core is the sweet spot here. */
const PARALLEL = 3;
/**
 * Tables at least this big are loaded over two connections at once (COPY FROM is CPU-bound in the server).
 * Split loads cannot use COPY FREEZE, so the index builds and the first reads afterwards set hint bits on every
 * page, and the restored rows are left for a later anti-wraparound vacuum to freeze. On 2 cores the bench shop's
 * 210 MB orders loads in 2.1 s split against 3.6 s with FREEZE (psql), but whole restores through Tidemark were
 * no faster (session 4: load 4.6 s instead of 4.7 s, the read-back 0.25 s slower), so only very big tables split.
 */
export const SPLIT_BYTES = 1 << 30;
/** Row-aligned blocks dealt out between the connections loading one table. */
const SPLIT_BLOCK = 1 << 20;

export async function databaseExists(admin: pg.Client, name: string): Promise<boolean> {
  const r = await admin.query("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", [name]);
  return (r.rowCount ?? 0) > 0;
}

export function alreadyExists(name: string): Error {
  return new Error(`Database "${name}" already exists — choose another name or restore in place`);
}

function createDatabaseSql(name: string, settings: Record<string, string> | undefined): string {
  let sql = `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0`;
  if (!settings) return sql;
  if (settings.encoding) sql += ` ENCODING ${quoteLiteral(settings.encoding)}`;
  if (settings.lc_collate) sql += ` LC_COLLATE ${quoteLiteral(settings.lc_collate)}`;
  if (settings.lc_ctype) sql += ` LC_CTYPE ${quoteLiteral(settings.lc_ctype)}`;
  if (settings.locale_provider === "i" && settings.icu_locale) sql += ` LOCALE_PROVIDER icu ICU_LOCALE ${quoteLiteral(settings.icu_locale)}`;
  return sql;
}

export class NewDatabaseRestore implements RestoreWriter {
  private main?: pg.Client;
  private pool: pg.Client[] = [];
  private idle: pg.Client[] = [];
  private waiting: { resolve: (c: pg.Client) => void; reject: (e: Error) => void }[] = [];
  private post: SchemaObject[] = [];
  private optional = new Set<SchemaObject>();
  private created = false;

  constructor(
    private readonly url: string,
    private readonly database: string,
    private readonly admin: () => Promise<pg.Client>,
    private readonly tables?: TableRef[],
    /** Tables of at least this many bytes load over two connections (tests use a small value). */
    private readonly splitBytes = SPLIT_BYTES,
  ) {}

  private get dbUrl(): string {
    return urlForDatabase(this.url, this.database);
  }

  private async open(): Promise<pg.Client> {
    const c = await connect(this.dbUrl, "tidemark restore");
    await c.query(RESTORE_SESSION);
    this.pool.push(c);
    return c;
  }

  /** A failed begin() or commit() drops the half-made database itself; abort() stays safe to call after. */
  async begin(schema: SchemaObjects): Promise<void> {
    try {
      await this.create(schema);
    } catch (err) {
      await this.abort().catch(() => {});
      throw err;
    }
  }

  private async create(schema: SchemaObjects): Promise<void> {
    const admin = await this.admin();
    try {
      if (await databaseExists(admin, this.database)) throw alreadyExists(this.database);
      try {
        await admin.query(createDatabaseSql(this.database, schema.settings));
      } catch (err) {
        if ((err as { code?: string }).code === "42P04") throw alreadyExists(this.database);
        throw statementError(err, `Creating database "${this.database}"`);
      }
      this.created = true;
    } finally {
      await closeQuietly(admin);
    }
    this.main = await this.open();
    const scoped = this.tables ? scopeToTables(schema.objects, this.tables) : { objects: schema.objects, optional: new Set<SchemaObject>() };
    this.optional = scoped.optional;
    const pre = scoped.objects.filter((o) => o.phase === "pre-data");
    this.post = scoped.objects.filter((o) => o.phase === "post-data");
    await this.main.query("BEGIN");
    for (const o of pre) await runScoped(this.main, o, this.optional, true);
    await this.main.query("COMMIT");
    this.idle.push(this.main);
  }

  private async acquire(): Promise<pg.Client> {
    const c = this.idle.pop();
    if (c) return c;
    if (this.pool.length < PARALLEL) return this.open();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(c: pg.Client): void {
    if (!this.pool.includes(c)) return; // closed by abort() meanwhile
    const next = this.waiting.shift();
    if (next) next.resolve(c);
    else this.idle.push(c);
  }

  /** Takes a connection only if one is free now (never waits, so two split loads cannot deadlock). */
  private async tryAcquire(): Promise<pg.Client | null> {
    const c = this.idle.pop();
    if (c) return c;
    return this.pool.length < PARALLEL ? this.open() : null;
  }

  /** Safe to call for several tables at once: each load takes its own connection (up to PARALLEL). */
  async writeRows(table: TableShape, rows: Readable): Promise<void> {
    const c = await this.acquire();
    if (table.bytesEstimate >= this.splitBytes) {
      const second = await this.tryAcquire();
      if (second) return this.writeSplit(table, rows, [c, second]);
    }
    try {
      // TRUNCATE in the same transaction lets COPY FREEZE write rows already frozen: no later hint-bit
      // rewrite or anti-wraparound vacuum of the whole restored database.
      await c.query("BEGIN");
      await c.query(`TRUNCATE ONLY ${qualify(table.ref.schema, table.ref.name)}`);
      await copyRows(c, table, rows, true);
      await c.query("COMMIT");
    } catch (err) {
      await c.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      this.release(c);
    }
  }

  /**
   * Deals row-aligned blocks of one table out to several connections, each running its own COPY. Row
   * order on disk differs from the source, which nothing depends on: readers order by key.
   */
  private async writeSplit(table: TableShape, rows: Readable, clients: pg.Client[]): Promise<void> {
    const parts = clients.map(() => new PassThrough({ highWaterMark: SPLIT_BLOCK * 2 }));
    const loads = clients.map((c, i) => copyRows(c, table, parts[i], false));
    // Fail fast: if one COPY fails, stop feeding the others.
    const failed = Promise.race(loads.map((l) => l.then(() => new Promise<never>(() => {}))));
    failed.catch(() => {}); // observed through `loads`; this copy only wakes a writer waiting for drain
    try {
      const feed = async () => {
        let i = 0;
        for await (const block of rowBlocks(rows, SPLIT_BLOCK)) {
          const part = parts[i++ % parts.length];
          if (!part.write(block)) await Promise.race([once(part, "drain"), failed]);
        }
        for (const p of parts) p.end();
      };
      await Promise.all([feed(), ...loads]);
    } catch (err) {
      for (const p of parts) p.destroy();
      rows.destroy();
      await Promise.allSettled(loads);
      throw err;
    } finally {
      for (const c of clients) this.release(c);
    }
  }

  async commit(): Promise<void> {
    try {
      await this.finish();
    } catch (err) {
      await this.abort().catch(() => {});
      throw err;
    }
  }

  private async finish(): Promise<void> {
    const builds = this.post.filter(isIndexBuild);
    const rest = this.post.filter((o) => !isIndexBuild(o));
    // Index builds of different tables are independent: spread whole tables over the connections.
    const byTable = new Map<string, SchemaObject[]>();
    for (const o of builds) {
      const k = `${o.schema}.${o.table}`;
      if (!byTable.has(k)) byTable.set(k, []);
      byTable.get(k)!.push(o);
    }
    const queue = [...byTable.values()];
    const worker = async () => {
      for (let group = queue.shift(); group; group = queue.shift()) {
        const c = await this.acquire();
        try {
          for (const o of group) await runObject(c, o);
        } finally {
          this.release(c);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
    const c = await this.acquire();
    try {
      await c.query("BEGIN");
      for (const o of rest) await runScoped(c, o, this.optional, true);
      await c.query("COMMIT");
    } finally {
      this.release(c);
    }
    await this.closeAll();
  }

  private async closeAll(): Promise<void> {
    for (const w of this.waiting.splice(0)) w.reject(new Error("The restore was aborted"));
    const all = this.pool;
    this.pool = [];
    this.idle = [];
    await Promise.all(all.map(closeQuietly));
  }

  async abort(): Promise<void> {
    await this.closeAll();
    if (!this.created) return;
    this.created = false;
    const admin = await this.admin();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.database)} WITH (FORCE)`).catch(async (err) => {
        // PostgreSQL 12 has no FORCE; our own connections are closed already.
        if ((err as { code?: string }).code !== "42601") throw err;
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.database)}`);
      });
    } finally {
      await closeQuietly(admin);
    }
  }
}
