// Drops a scratch database (or SQLite file) on the server of `url`: used by restore drills to clean up after themselves.
import { rm } from "node:fs/promises";
import pg from "pg";
import { engineOf } from "./connect";
import { closeQuietly, connect } from "./mysql/session";

export async function dropDatabase(url: string, database: string): Promise<void> {
  const engine = engineOf(url);
  if (engine === "sqlite") {
    await Promise.all(["", "-wal", "-shm", "-journal"].map((suffix) => rm(`${database}${suffix}`, { force: true })));
    return;
  }
  if (engine === "postgres") {
    const admin = new URL(url);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
    } finally {
      await client.end();
    }
    return;
  }
  // Through the connector's session: the URL's TLS settings (ssl-mode, ssl-ca) apply here too.
  const conn = await connect(url, { database: "" });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database.replaceAll("`", "``")}\``);
  } finally {
    await closeQuietly(conn);
  }
}
