// Throwaway databases on the real local servers, one per test file, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/";

/** A unique, lower-case database name that is safe to use unquoted. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`.toLowerCase();
}

/** URL of `database` on the same server as `baseUrl`. */
export function pgUrlFor(database: string, baseUrl = PG_ADMIN_URL): string {
  const url = new URL(baseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function withPgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TempPgDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty PostgreSQL database; `drop()` removes it even if connections are still open. */
export async function createPgDatabase(prefix = "tm_test"): Promise<TempPgDatabase> {
  const name = uniqueName(prefix);
  await withPgAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  return { name, url: pgUrlFor(name), drop: () => dropPgDatabase(name) };
}

export async function dropPgDatabase(name: string): Promise<void> {
  await withPgAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`));
}

/** URL of `database` on the MySQL/MariaDB server of `baseUrl`. */
export function mysqlUrlFor(database: string, baseUrl = MYSQL_ADMIN_URL): string {
  const url = new URL(baseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Runs `sql` (several statements allowed) on the MySQL/MariaDB server, in `database` when given. */
export async function mysqlExec(sql: string, database?: string): Promise<unknown> {
  const mysql = await import("mysql2/promise");
  const u = new URL(MYSQL_ADMIN_URL);
  const c = await mysql.createConnection({
    host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || "root"), password: decodeURIComponent(u.password),
    ...(database ? { database } : {}), multipleStatements: true, charset: "utf8mb4_general_ci",
  });
  try {
    return (await c.query(sql))[0];
  } finally {
    await c.end();
  }
}

export interface TempMysqlDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty MySQL/MariaDB database (utf8mb4); `drop()` removes it. */
export async function createMysqlDatabase(prefix = "tm_test"): Promise<TempMysqlDatabase> {
  const name = uniqueName(prefix);
  await mysqlExec(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return { name, url: mysqlUrlFor(name), drop: () => dropMysqlDatabase(name) };
}

export async function dropMysqlDatabase(name: string): Promise<void> {
  await mysqlExec(`DROP DATABASE IF EXISTS \`${name.replaceAll("`", "``")}\``);
}

/** Runs SQL on `url` with a connection of its own and returns the rows. */
export async function pgRows<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}
