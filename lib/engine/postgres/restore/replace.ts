// In-place restore: drop the affected objects, recreate them, load the rows and build post-data, all in ONE
// transaction — an error, abort() or a killed backend leaves the target exactly as it was.
import type { Readable } from "node:stream";
import type pg from "pg";
import type { RestoreWriter, SchemaObject, SchemaObjects, TableRef, TableShape } from "../../types";
import { tableKey } from "../../types";
import { qualify } from "../quote";
import { closeQuietly, connect, statementError } from "../session";
import { captureDependents } from "./dependents";
import { dropTables, dropUserObjects } from "./drop";
import { refuseOutsideDrops } from "./outside-drops";
import { copyRows, RESTORE_SESSION, runObjects } from "./run-ddl";

/** Kinds of pre-data object that belong to one table in a chosen-tables restore. */
const TABLE_PRE_KINDS = new Set(["table", "partition", "sequence", "sequence owned by"]);

function norm(t: TableRef): TableRef {
  return { schema: t.schema ?? "public", name: t.name };
}

export class ReplaceRestore implements RestoreWriter {
  private client?: pg.Client;
  private post: SchemaObject[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private finished = false;

  constructor(
    private readonly url: string,
    private readonly tables?: TableRef[],
  ) {}

  async begin(schema: SchemaObjects): Promise<void> {
    const c = await connect(this.url, "tidemark restore");
    this.client = c;
    try {
      await c.query("BEGIN");
      await c.query(RESTORE_SESSION);
      // Dropping needs exclusive locks: give up with a clear message rather than queue behind a long query forever.
      await c.query("SET LOCAL lock_timeout = '60s'");
      if (this.tables) await this.beginTables(c, schema, this.tables.map(norm));
      else await this.beginWhole(c, schema);
    } catch (err) {
      await this.abort();
      throw lockHint(err);
    }
  }

  private async beginWhole(c: pg.Client, schema: SchemaObjects): Promise<void> {
    await dropUserObjects(c);
    await runObjects(c, schema.objects.filter((o) => o.phase === "pre-data"));
    this.post = schema.objects.filter((o) => o.phase === "post-data");
  }

  private async beginTables(c: pg.Client, schema: SchemaObjects, tables: TableRef[]): Promise<void> {
    const chosen = new Set(tables.map(tableKey));
    const mine = (o: SchemaObject) => o.table !== undefined && chosen.has(tableKey({ schema: o.schema ?? "public", name: o.table }));
    const missing = tables.filter((t) => !schema.objects.some((o) => o.kind === "table" && mine(o) && o.name === t.name));
    if (missing.length) throw new Error(`Not in the snapshot: ${missing.map(tableKey).join(", ")}`);
    const oids = (
      await c.query<{ oid: number | null }>("SELECT pg_catalog.to_regclass(x)::oid AS oid FROM pg_catalog.unnest($1::text[]) x", [
        tables.map((t) => qualify(t.schema, t.name)),
      ])
    ).rows.flatMap((r) => (r.oid === null ? [] : [r.oid]));
    // The recursive catalog walks below look costly to the planner, and JIT-compiling them takes seconds for nothing.
    await c.query("SET LOCAL jit = off");
    const dependents = await captureDependents(c, oids);
    // CASCADE would silently take inheritance children, partitions and columns of other tables along: refuse first.
    await refuseOutsideDrops(c, tables, oids, dependents.kept);
    await dropTables(c, tables);
    await runObjects(c, schema.objects.filter((o) => o.phase === "pre-data" && TABLE_PRE_KINDS.has(o.kind) && mine(o)));
    await runObjects(c, dependents.pre);
    this.post = [...schema.objects.filter((o) => o.phase === "post-data" && mine(o)), ...dependents.post];
  }

  /** Calls are queued: one transaction means one connection, so tables load one after another. */
  writeRows(table: TableShape, rows: Readable): Promise<void> {
    const run = this.queue.then(() => {
      if (!this.client || this.finished) throw new Error("The restore is not open");
      return copyRows(this.client, table, rows, true);
    });
    this.queue = run.catch(() => {});
    return run;
  }

  async commit(): Promise<void> {
    await this.queue;
    const c = this.client;
    if (!c || this.finished) throw new Error("The restore is not open");
    try {
      await runObjects(c, this.post);
      await c.query("COMMIT");
      this.finished = true;
    } catch (err) {
      await this.abort();
      throw statementError(err, "Replace rolled back, the target is unchanged");
    } finally {
      await closeQuietly(c);
    }
  }

  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const c = this.client;
    if (!c) return;
    await c.query("ROLLBACK").catch(() => {});
    await closeQuietly(c);
  }
}

function lockHint(err: unknown): unknown {
  if ((err as { code?: string }).code === "55P03") {
    return new Error("Timed out after 60 s waiting for a lock: other sessions are using the tables being replaced — retry when they are idle", {
      cause: err,
    });
  }
  return err;
}
