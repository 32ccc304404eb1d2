// Opens MySQL/MariaDB connections with Tidemark's fixed session settings, and turns driver errors into
// messages a DBA can act on (never echoing the password).
import type { Readable } from "node:stream";
import mysql, { type Connection as CoreConnection } from "mysql2";
import type { Connection } from "mysql2/promise";

/**
 * Pinned so the same data always produces the same bytes whatever the server defaults are: UTC for
 * TIMESTAMP, utf8mb4 text, and a sql_mode without ANSI_QUOTES (SHOW CREATE output), with zero dates and
 * explicit zero AUTO_INCREMENT values accepted (restores write back exactly what was read).
 */
export const SESSION_SQL = [
  "SET time_zone = '+00:00'",
  "SET NAMES utf8mb4",
  "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'",
  "SET SESSION sql_quote_show_create = 1",
  "SET SESSION group_concat_max_len = 1048576",
];

export interface Endpoint {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/** Where a URL points (mysql://user:pass@host:port/db, also mariadb://). */
export function parseUrl(url: string): Endpoint {
  try {
    const u = new URL(url);
    if (!/^(mysql|mariadb):$/i.test(u.protocol)) throw new Error("scheme");
    return {
      host: u.hostname || "127.0.0.1",
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username) || "root",
      password: decodeURIComponent(u.password),
      database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    };
  } catch {
    throw new Error("Invalid MySQL URL — expected mysql://user:password@host:port/database");
  }
}

/** The same server URL pointing at another database ("" for none). */
export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function withoutSecrets(message: string, password: string): string {
  return password ? message.replaceAll(password, "***") : message;
}

export function connectError(err: unknown, ep: Endpoint): Error {
  const where = `${ep.host}:${ep.port}`;
  const e = err as { code?: string; message?: string };
  const msg = withoutSecrets(String(e?.message ?? err), ep.password);
  switch (e?.code) {
    case "ECONNREFUSED":
      return new Error(`Cannot connect to ${where}: connection refused — is MySQL/MariaDB running?`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new Error(`Cannot connect to ${where}: host "${ep.host}" not found — check the host name`);
    case "ETIMEDOUT":
      return new Error(`Cannot connect to ${where}: timed out — check the host, port and firewall`);
    case "ER_ACCESS_DENIED_ERROR":
      return new Error(`Cannot connect to ${where}: access denied for user "${ep.user}" — check the user name, password and host grants`);
    case "ER_BAD_DB_ERROR":
      return new Error(`Cannot connect to ${where}: database "${ep.database}" does not exist`);
    case "ER_DBACCESS_DENIED_ERROR":
      return new Error(`Cannot connect to ${where}: user "${ep.user}" has no access to database "${ep.database}"`);
    case "ER_CON_COUNT_ERROR":
      return new Error(`Cannot connect to ${where}: too many connections (max_connections reached)`);
    default:
      return new Error(`Cannot connect to ${where}: ${msg}`);
  }
}

/** Wraps an error raised by a statement with what Tidemark was doing, keeping the server's own words. */
export function statementError(err: unknown, doing: string, password = ""): Error {
  const e = err as { message?: string; code?: string };
  return new Error(withoutSecrets(`${doing}: ${e?.message ?? String(err)}`, password), { cause: err });
}

export interface ConnectOptions {
  /** Connect to this database instead of the URL's ("" for none: creating a database). */
  database?: string;
  /** LOAD DATA LOCAL INFILE source: the restore hands each load its row stream through this. */
  infile?: (name: string) => Readable;
}

/** A promise connection with the pinned session settings. Values come back as raw bytes (see rows.ts). */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Connection> {
  const ep = parseUrl(url);
  const database = options.database ?? ep.database;
  const conn = mysql.createConnection({
    host: ep.host,
    port: ep.port,
    user: ep.user,
    password: ep.password,
    ...(database ? { database } : {}),
    charset: "utf8mb4_general_ci",
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    multipleStatements: false,
    ...(options.infile ? { infileStreamFactory: options.infile, flags: ["+LOCAL_FILES"] } : {}),
  });
  // An idle connection that dies (server restart, KILL) must not crash the process; its next query fails instead.
  conn.on("error", () => {});
  const p = conn.promise();
  try {
    await p.connect();
  } catch (err) {
    conn.destroy();
    throw connectError(err, { ...ep, database });
  }
  for (const s of SESSION_SQL) await p.query(s);
  return p;
}

/** The callback-style connection under a promise one (streaming queries, pause/resume). */
export function core(c: Connection): CoreConnection {
  return (c as unknown as { connection: CoreConnection }).connection;
}

export async function closeQuietly(c: Connection | undefined): Promise<void> {
  if (!c) return;
  await c.end().catch(() => core(c).destroy());
}

/** Kills the connection's socket (used when a stream is abandoned mid-result: the connection cannot be reused). */
export function destroy(c: Connection): void {
  core(c).destroy();
}
