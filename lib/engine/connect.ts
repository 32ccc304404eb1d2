// Picks the connector for a database URL by its scheme; the one place the CLI and the worker turn a URL into a Connector.
// Engines load on first use (LazyConnector): each one's driver costs ≈ 10–100 ms of CLI start-up.
import { LazyConnector } from "./lazy-connector";
import type { EngineKind, RestoreTarget } from "./types";

export class UnsupportedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedDatabaseError";
  }
}

export function engineOf(url: string): EngineKind {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return "postgres";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql";
  if (scheme === "sqlite") return "sqlite";
  throw new UnsupportedDatabaseError(
    `Unrecognised database URL ${redactUrl(url)}: expected postgres://…, mysql://… or sqlite:/path/file.db`,
  );
}

export function connectorFor(url: string): LazyConnector {
  const engine = engineOf(url);
  return new LazyConnector(engine, async () => {
    if (engine === "postgres") return (await import("./postgres/index")).postgresConnector(url);
    if (engine === "mysql") return (await import("./mysql/index")).mysqlConnector(url);
    return (await import("./sqlite/index")).sqliteConnector(url);
  });
}

/** The URL without its password: safe for logs, manifests and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "";
    u.search = "";
    return u.toString().replace(/^([a-z]+:\/\/[^:@/]+):@/i, "$1@");
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1@");
  }
}

/** Identity that groups a source's snapshots: engine, host, port and database, without user or password. */
export function sourceOf(url: string): { identity: string; database: string } {
  const engine = engineOf(url);
  if (engine === "sqlite") {
    const file = url.replace(/^sqlite:(\/\/)?/i, "");
    return { identity: `sqlite:${file}`, database: file };
  }
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || (engine === "postgres" ? decodeURIComponent(u.username || "postgres") : "");
  const port = u.port || (engine === "postgres" ? "5432" : "3306");
  return { identity: `${engine}://${u.hostname}:${port}/${database}`, database };
}

/**
 * Connector and target for restoring into `url`'s database. A new database does not exist yet, so the
 * connector connects to the server's maintenance database and creates it (PostgreSQL: "postgres").
 */
export function restoreTargetFor(url: string, mode: "new" | "replace"): { connector: LazyConnector; target: RestoreTarget } {
  const { database } = sourceOf(url);
  if (mode === "new" && engineOf(url) === "postgres") {
    const admin = new URL(url);
    admin.pathname = "/postgres";
    return { connector: connectorFor(admin.toString()), target: { mode, database } };
  }
  return { connector: connectorFor(url), target: { mode, database } };
}
