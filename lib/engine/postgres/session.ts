// Opens PostgreSQL connections with Tidemark's fixed session settings, and turns driver errors into
// messages a DBA can act on (never echoing the password).
import pg from "pg";

/**
 * Output formats are pinned so that the same data always produces the same COPY bytes, whatever the
 * server's or role's defaults: dedup and diffs depend on it. The restore side uses the same settings
 * so every value is read back exactly as it was written.
 */
export const SESSION_SETTINGS: Record<string, string> = {
  client_encoding: "UTF8",
  DateStyle: "ISO, YMD",
  IntervalStyle: "postgres",
  TimeZone: "UTC",
  extra_float_digits: "1",
  bytea_output: "hex",
  lc_monetary: "C",
  xmloption: "content",
  standard_conforming_strings: "on",
  // Every name in captured DDL comes out schema-qualified, and restored DDL resolves nothing implicitly.
  search_path: "",
  statement_timeout: "0",
  lock_timeout: "0",
  idle_in_transaction_session_timeout: "0",
};

export interface Endpoint {
  host: string;
  port: string;
  user: string;
  database: string;
}

/** Where a URL points, for messages (no password). */
export function describeUrl(url: string): Endpoint {
  try {
    const u = new URL(url);
    return {
      host: u.hostname || "localhost",
      port: u.port || "5432",
      user: decodeURIComponent(u.username) || process.env.USER || "postgres",
      database: decodeURIComponent(u.pathname.replace(/^\//, "")) || decodeURIComponent(u.username) || "postgres",
    };
  } catch {
    throw new Error("Invalid PostgreSQL URL — expected postgres://user:password@host:port/database");
  }
}

/** The same server URL pointing at another database. */
export function urlForDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function withoutSecrets(message: string, url: string): string {
  try {
    const raw = new URL(url).password;
    if (!raw) return message;
    return message.replaceAll(raw, "***").replaceAll(decodeURIComponent(raw), "***");
  } catch {
    return message;
  }
}

/** A message naming the cause, for errors raised while connecting. */
export function connectError(err: unknown, url: string): Error {
  const ep = describeUrl(url);
  const where = `${ep.host}:${ep.port}`;
  const e = err as { code?: string; message?: string };
  const msg = withoutSecrets(String(e?.message ?? err), url);
  switch (e?.code) {
    case "ECONNREFUSED":
      return new Error(`Cannot connect to ${where}: connection refused — is PostgreSQL running?`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new Error(`Cannot connect to ${where}: host "${ep.host}" not found — check the host name`);
    case "ETIMEDOUT":
      return new Error(`Cannot connect to ${where}: timed out — check the host, port and firewall`);
    case "28P01":
      return new Error(`Cannot connect to ${where}: password authentication failed for user "${ep.user}"`);
    case "28000":
      return new Error(`Cannot connect to ${where}: ${msg} — check pg_hba.conf and the user name`);
    case "42501":
      return new Error(`Cannot connect to ${where}: ${msg} — GRANT CONNECT ON DATABASE "${ep.database}" TO "${ep.user}"`);
    case "3D000":
      return new Error(`Cannot connect to ${where}: database "${ep.database}" does not exist`);
    case "57P03":
      return new Error(`Cannot connect to ${where}: the server is starting up or shutting down — try again shortly`);
    case "53300":
      return new Error(`Cannot connect to ${where}: too many connections (max_connections reached)`);
    default:
      return new Error(`Cannot connect to ${where}: ${msg}`);
  }
}

/** Wraps an error raised by a statement with what Tidemark was doing, keeping the server's own words. */
export function statementError(err: unknown, doing: string, url?: string): Error {
  const e = err as { message?: string; detail?: string; hint?: string };
  let msg = `${doing}: ${e?.message ?? String(err)}`;
  if (e?.detail) msg += ` (${e.detail})`;
  if (e?.hint) msg += ` — ${e.hint}`;
  const out = new Error(url ? withoutSecrets(msg, url) : msg, { cause: err });
  return out;
}

export async function connect(url: string, applicationName = "tidemark"): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: applicationName });
  // Errors on an idle client (server restart, terminated backend) must not crash the process; the next
  // query on it fails with a clear error instead.
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw connectError(err, url);
  }
  const sets = Object.entries(SESSION_SETTINGS)
    .map(([k, v]) => `SET ${k} = '${v}'`)
    .join("; ");
  await client.query(sets);
  return client;
}

export async function closeQuietly(client: pg.Client | undefined): Promise<void> {
  if (client) await client.end().catch(() => {});
}
