// Opens MySQL/MariaDB connections with Tidemark's fixed session settings, and turns driver errors into
// messages a DBA can act on (never echoing the password).
import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import mysql, { type Connection as CoreConnection } from "mysql2";
import type { Connection } from "mysql2/promise";
import { isMariaDbVersion } from "./server-info";

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
  tls: Tls;
}

/**
 * TLS as the URL asks for it, with the mysql client's own option names: `?ssl-mode=REQUIRED` encrypts without
 * checking the certificate, `?ssl-mode=VERIFY_IDENTITY[&ssl-ca=/path/ca.pem]` also checks the certificate (against
 * that CA file, else the system's trusted CAs) and the host name; no ssl-mode (or DISABLED) is a plain connection.
 */
export type Tls = { mode: "disabled" } | { mode: "required" } | { mode: "verify-identity"; caPath: string };

const SSL_MODES: Record<string, Tls["mode"]> = { DISABLED: "disabled", REQUIRED: "required", VERIFY_IDENTITY: "verify-identity" };

function tlsOf(u: URL): Tls {
  const raw = u.searchParams.get("ssl-mode");
  const mode = raw === null ? "disabled" : SSL_MODES[raw.toUpperCase()];
  if (!mode) throw new Error(`Unsupported ssl-mode "${raw}" in the MySQL URL: use REQUIRED, VERIFY_IDENTITY or leave it out for no TLS`);
  return mode === "verify-identity" ? { mode, caPath: u.searchParams.get("ssl-ca") ?? "" } : { mode };
}

/** mysql2's `ssl` option for `tls` (undefined: no TLS); reads the CA file now so a missing one names its path. */
export async function sslOption(tls: Tls): Promise<{ rejectUnauthorized: boolean; ca?: string } | undefined> {
  if (tls.mode === "disabled") return undefined;
  if (tls.mode === "required") return { rejectUnauthorized: false };
  if (!tls.caPath) return { rejectUnauthorized: true };
  try {
    return { ca: await readFile(tls.caPath, "utf8"), rejectUnauthorized: true };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String((err as Error).message ?? err);
    throw new Error(`Cannot read the CA certificate file ${tls.caPath} (ssl-ca): ${why} — it must exist on every worker machine`);
  }
}

/** Where a URL points (mysql://user:pass@host:port/db, also mariadb://). */
export function parseUrl(url: string): Endpoint {
  let ep: Omit<Endpoint, "tls">;
  let u: URL;
  try {
    u = new URL(url);
    if (!/^(mysql|mariadb):$/i.test(u.protocol)) throw new Error("scheme");
    ep = {
      host: u.hostname || "127.0.0.1",
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username) || "root",
      password: decodeURIComponent(u.password),
      database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    };
  } catch {
    throw new Error("Invalid MySQL URL — expected mysql://user:password@host:port/database");
  }
  return { ...ep, tls: tlsOf(u) };
}

/** The same server URL pointing at another database ("" for none); keeps the query (TLS settings). */
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
  // mysql2 appends a placeholder to plugin errors ("See TODO: add plugins doco here …"): not for users' eyes.
  const msg = withoutSecrets(String(e?.message ?? err), ep.password).replace(/\s*See TODO:.*$/s, "");
  if (/unknown plugin/i.test(msg)) {
    return new Error(`Cannot connect to ${where}: user "${ep.user}" uses an authentication plugin Tidemark does not support (${msg}) — use caching_sha2_password or mysql_native_password for this account`);
  }
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
    case "HANDSHAKE_NO_SSL_SUPPORT":
      return new Error(`Cannot connect to ${where}: the server does not offer TLS — enable it on the server (ssl_cert/ssl_key) or set TLS to 'Off'`);
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "CERT_HAS_EXPIRED":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return new Error(`Cannot connect to ${where}: the server's TLS certificate was not accepted (${msg}) — check the CA file and the host name, or set TLS to 'Require' to encrypt without checking`);
    case "ER_PLUGIN_IS_NOT_LOADED":
      // MySQL 8.4 no longer loads mysql_native_password unless configured to; MariaDB loads ed25519 and others on demand.
      return new Error(
        `Cannot connect to ${where}: user "${ep.user}" signs in with an authentication plugin the server has not loaded (${msg}) — ` +
          (/mysql_native_password/i.test(msg)
            ? `MySQL 8.4 disables mysql_native_password: switch the account with ALTER USER … IDENTIFIED WITH caching_sha2_password BY '…'`
            : `load the plugin on the server (INSTALL SONAME / plugin-load-add) or switch the account to a password plugin it has`),
      );
    case "AUTH_SWITCH_PLUGIN_ERROR":
      // caching_sha2_password (MySQL 8's default) sends the password in full when the server's cache lacks the
      // account: over TLS, or RSA-encrypted with a key the server hands out; without either the login fails.
      return new Error(
        `Cannot connect to ${where}: the password could not be sent for user "${ep.user}" (${msg}) — ` +
          `MySQL 8's caching_sha2_password (and sha256_password) needs TLS or the server's RSA key pair: set TLS to 'Require', or give the server an RSA key (caching_sha2_password_auto_generate_rsa_keys)`,
      );
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
  const ssl = await sslOption(ep.tls);
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
    ...(ssl ? { ssl } : {}),
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
  try {
    for (const s of SESSION_SQL) await p.query(s);
  } catch (err) {
    conn.destroy();
    throw err;
  }
  // MySQL 8 caches information_schema.TABLES statistics for a day: sizes and row estimates would describe the
  // tables as they were, possibly empty. MariaDB has no such cache (and no such variable).
  if (!isMariaDbVersion(serverVersion(p))) await p.query("SET SESSION information_schema_stats_expiry = 0").catch(() => {});
  return p;
}

/** The version the server announced in its handshake (MariaDB's reads "5.5.5-10.11.9-MariaDB…"). */
function serverVersion(c: Connection): string {
  return String((core(c) as unknown as { _handshakePacket?: { serverVersion?: string } })._handshakePacket?.serverVersion ?? "");
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
