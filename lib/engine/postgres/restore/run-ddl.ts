// Runs captured DDL and COPY FROM on a restore connection, naming the object when the server refuses one.
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { SchemaObject, TableShape } from "../../types";
import { tableKey } from "../../types";
import { qualify, quoteIdent } from "../quote";
import { statementError } from "../session";

/** Settings for a restore session: loads are bulk work, and captured DDL is replayed as written. */
export const RESTORE_SESSION = [
  "SET synchronous_commit = off",
  // Index and constraint builds are the slowest part of a restore after COPY.
  "SET maintenance_work_mem = '256MB'",
  // Function bodies may reference objects created later in the restore (as with pg_dump).
  "SET check_function_bodies = false",
  "SET client_min_messages = warning",
  "SET row_security = off",
].join("; ");

export function describeObject(o: SchemaObject): string {
  const name = o.schema ? `${o.schema}.${o.name}` : o.name;
  return `${o.kind} ${name}`;
}

export async function runObject(client: pg.Client, o: SchemaObject): Promise<void> {
  try {
    await client.query(o.ddl);
  } catch (err) {
    throw statementError(err, `Restoring ${describeObject(o)}`);
  }
}

export async function runObjects(client: pg.Client, objects: SchemaObject[]): Promise<void> {
  for (const o of objects) await runObject(client, o);
}

/** COPY FROM STDIN for the stored (non-generated) columns; FREEZE when the table was created or truncated in this transaction. */
export async function copyRows(client: pg.Client, table: TableShape, rows: Readable, freeze: boolean): Promise<void> {
  const cols = table.columns.filter((c) => !c.generated).map((c) => quoteIdent(c.name));
  const target = qualify(table.ref.schema, table.ref.name);
  const list = cols.length ? ` (${cols.join(", ")})` : ""; // a table can have no columns at all
  const sql = `COPY ${target}${list} FROM STDIN${freeze ? " WITH (FREEZE)" : ""}`;
  try {
    await pipeline(rows, client.query(copyFrom(sql)));
  } catch (err) {
    throw statementError(err, `Loading rows into ${tableKey(table.ref)}`);
  }
}

/** Post-data objects that build an index (keys, unique, exclusion, plain indexes) and can run per table in parallel. */
export function isIndexBuild(o: SchemaObject): boolean {
  return o.phase === "post-data" && (o.kind === "constraint" || o.kind === "index");
}
