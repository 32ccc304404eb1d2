// Restore into a new database: CREATE DATABASE with the original character set and collation, tables and
// routines and views, rows loaded over a few connections, then triggers and events. Any failure drops it.
import type { Readable } from "node:stream";
import type { Connection, RowDataPacket } from "mysql2/promise";
import type { RestoreWriter, SchemaObject, SchemaObjects, TableShape } from "../../types";
import { quoteIdent } from "../quote";
import { closeQuietly, connect, statementError } from "../session";
import { loadNotices, loadRows, restoreConnection, runObjects } from "./load";

/** Connections loading at once: LOAD DATA is server-bound, about one per core. */
const PARALLEL = 2;

export async function databaseExists(c: Connection, name: string): Promise<boolean> {
  const [r] = await c.query<RowDataPacket[]>("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name]);
  return r.length > 0;
}

export function alreadyExists(name: string): Error {
  return new Error(`Database "${name}" already exists — choose another name or restore in place`);
}

export function createDatabaseSql(name: string, settings: Record<string, string> | undefined): string {
  let sql = `CREATE DATABASE ${quoteIdent(name)}`;
  if (settings?.character_set) sql += ` CHARACTER SET ${settings.character_set}`;
  if (settings?.collation) sql += ` COLLATE ${settings.collation}`;
  return sql;
}

export class NewDatabaseRestore implements RestoreWriter {
  private pool: Connection[] = [];
  private idle: Connection[] = [];
  private waiting: ((c: Connection) => void)[] = [];
  private post: SchemaObject[] = [];
  private created = false;
  notices: string[] = [];

  constructor(
    private readonly url: string,
    private readonly database: string,
  ) {}

  async begin(schema: SchemaObjects): Promise<void> {
    try {
      const admin = await connect(this.url, { database: "" });
      try {
        if (await databaseExists(admin, this.database)) throw alreadyExists(this.database);
        await admin.query(createDatabaseSql(this.database, schema.settings)).catch((err) => {
          throw (err as { code?: string }).code === "ER_DB_CREATE_EXISTS" ? alreadyExists(this.database) : statementError(err, `Creating database "${this.database}"`);
        });
        this.created = true;
      } finally {
        await closeQuietly(admin);
      }
      const c = await this.open();
      await runObjects(c, schema.objects.filter((o) => o.phase === "pre-data"), this.notices);
      this.post = schema.objects.filter((o) => o.phase === "post-data");
      this.idle.push(c);
    } catch (err) {
      await this.abort().catch(() => {});
      throw err;
    }
  }

  private async open(): Promise<Connection> {
    const c = await restoreConnection(this.url, this.database);
    this.pool.push(c);
    for (const n of loadNotices(c)) if (!this.notices.includes(n)) this.notices.push(n);
    return c;
  }

  private async acquire(): Promise<Connection> {
    const c = this.idle.pop();
    if (c) return c;
    if (this.pool.length < PARALLEL) return this.open();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(c: Connection): void {
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }

  async writeRows(table: TableShape, rows: Readable): Promise<void> {
    const c = await this.acquire();
    try {
      await loadRows(c, this.database, table.ref.name, table, rows, this.notices);
    } finally {
      this.release(c);
    }
  }

  async commit(): Promise<void> {
    try {
      // Key builds of different tables are independent: spread them over the connections, keys before
      // foreign keys, then triggers and events.
      for (const kind of ["index", "constraint"]) {
        const queue = this.post.filter((o) => o.kind === kind);
        const worker = async () => {
          for (let o = queue.shift(); o; o = queue.shift()) {
            const c = await this.acquire();
            try {
              await runObjects(c, [o], this.notices);
            } finally {
              this.release(c);
            }
          }
        };
        await Promise.all(Array.from({ length: PARALLEL }, worker));
      }
      const c = await this.acquire();
      try {
        await runObjects(c, this.post.filter((o) => o.kind !== "index" && o.kind !== "constraint"), this.notices);
      } finally {
        this.release(c);
      }
      await this.closeAll();
    } catch (err) {
      await this.abort().catch(() => {});
      throw err;
    }
  }

  private async closeAll(): Promise<void> {
    const all = this.pool;
    this.pool = [];
    this.idle = [];
    await Promise.all(all.map(closeQuietly));
  }

  async abort(): Promise<void> {
    await this.closeAll();
    if (!this.created) return;
    this.created = false;
    const admin = await connect(this.url, { database: "" });
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.database)}`);
    } finally {
      await closeQuietly(admin);
    }
  }
}
