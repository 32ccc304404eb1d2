// Narrows a snapshot's schema to chosen tables for a restore into a new database: the tables with their
// keys, indexes, triggers and sequences, plus every type, function and schema they may need. Objects
// that may name a table left out (views, foreign keys, comments…) are "optional": skipped if they fail so.
import type pg from "pg";
import type { SchemaObject, TableRef } from "../../types";
import { tableKey } from "../../types";
import { runObject } from "./run-ddl";

const TABLE_BOUND = new Set(["table", "partition", "sequence owned by"]);
const OPTIONAL = new Set(["view", "materialized view", "partition", "foreign key", "index attach", "refresh", "comment", "owner", "grant"]);
/** undefined_table, undefined_object, undefined_function, invalid_schema_name, wrong_object_type */
const MISSING_CODES = new Set(["42P01", "42704", "42883", "3F000", "42809"]);

export interface Scoped {
  objects: SchemaObject[];
  optional: Set<SchemaObject>;
}

export function scopeToTables(objects: SchemaObject[], tables: TableRef[]): Scoped {
  const chosen = new Set(tables.map((t) => tableKey({ schema: t.schema ?? "public", name: t.name })));
  const mine = (o: SchemaObject) => o.table !== undefined && chosen.has(tableKey({ schema: o.schema ?? "public", name: o.table }));
  const kept = objects.filter((o) => {
    if (o.table !== undefined && ["comment", "owner", "grant"].includes(o.kind)) return mine(o);
    if (TABLE_BOUND.has(o.kind) || (o.table !== undefined && o.phase === "post-data")) return mine(o);
    if (o.kind === "sequence" || o.kind === "sequence value") return o.table === undefined || mine(o);
    return true;
  });
  return { objects: kept, optional: new Set(kept.filter((o) => OPTIONAL.has(o.kind))) };
}

/** Runs an optional object in a savepoint; one that names something not restored is skipped. */
export async function runScoped(client: pg.Client, o: SchemaObject, optional: Set<SchemaObject>, inTransaction: boolean): Promise<void> {
  if (!optional.has(o)) return runObject(client, o);
  if (inTransaction) await client.query("SAVEPOINT tidemark_optional");
  try {
    await runObject(client, o);
    if (inTransaction) await client.query("RELEASE SAVEPOINT tidemark_optional");
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (!code || !MISSING_CODES.has(code)) throw err;
    if (inTransaction) await client.query("ROLLBACK TO SAVEPOINT tidemark_optional");
  }
}
