// Shared checks for the connector's integration tests: schema dumps by pg_dump, table contents by COPY.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Connector, RestoreTarget, TableShape } from "../types";
import { qualify } from "./quote";
import { connect } from "./session";

const run = promisify(execFile);

/** `pg_dump --schema-only`, minus comments, SET lines, blank lines and the database's own name. */
export async function schemaDump(url: string, database: string): Promise<string> {
  const { stdout } = await run("/usr/bin/pg_dump", ["--schema-only", "--no-password", url], { maxBuffer: 64 << 20 });
  return stdout
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("--") && !/^SET /.test(l) && !/^SELECT pg_catalog.set_config/.test(l) && !/^\\(un)?restrict /.test(l))
    .map((l) => l.replaceAll(database, "<db>"))
    .join("\n");
}

/**
 * Every user table's full contents (generated columns included) as COPY text ordered by the whole row's
 * text: an independent check that does not use the connector's own row query.
 */
export async function tableContents(url: string): Promise<Map<string, Buffer>> {
  const c = await connect(url, "tidemark test");
  try {
    const { rows } = await c.query<{ s: string; n: string }>(
      `SELECT n.nspname AS s, c.relname AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE (c.relkind = 'r' OR (c.relkind = 'm' AND c.relispopulated)) AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' ORDER BY 1, 2`,
    );
    const out = new Map<string, Buffer>();
    for (const r of rows) {
      const name = qualify(r.s, r.n);
      const stream = c.query(copyTo(`COPY (SELECT * FROM ONLY ${name} x ORDER BY x::text COLLATE "C") TO STDOUT`));
      const parts: Buffer[] = [];
      for await (const p of stream) parts.push(p as Buffer);
      out.set(`${r.s}.${r.n}`, Buffer.concat(parts));
    }
    // Sequence positions are not in pg_dump --schema-only: compare them here.
    const seqs = await c.query<{ s: string; n: string }>(
      `SELECT n.nspname AS s, c.relname AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' ORDER BY 1, 2`,
    );
    for (const r of seqs.rows) {
      const v = await c.query(`SELECT last_value, is_called FROM ${qualify(r.s, r.n)}`);
      out.set(`sequence ${r.s}.${r.n}`, Buffer.from(JSON.stringify(v.rows[0])));
    }
    return out;
  } finally {
    await c.end();
  }
}

/** Backup-to-restore through the connector alone: snapshot → begin(schema) → writeRows per table → commit. */
export async function copyThroughConnector(source: Connector, target: Connector, restore: RestoreTarget): Promise<{ tables: TableShape[] }> {
  const reader = await source.openSnapshot(restore.tables ? { tables: restore.tables } : undefined);
  try {
    const schema = await reader.schema();
    const { tables } = await reader.shape();
    const writer = await target.openRestore(restore);
    try {
      await writer.begin(schema, tables);
      for (const t of tables) await writer.writeRows(t, reader.rows(t.ref));
      await writer.commit();
    } catch (err) {
      await writer.abort();
      throw err;
    }
    return { tables };
  } finally {
    await reader.close();
  }
}

export async function sql(url: string, text: string, params?: unknown[]): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}
