// schema(): every user object of the database as replayable DDL, in dependency order (pre-data, then post-data).
import type pg from "pg";
import type { SchemaObject, SchemaObjects } from "../../types";
import { notInExtension, USER_SCHEMA } from "../catalog";
import { quoteIdent } from "../quote";
import { captureAggregates } from "./aggregates";
import { captureConstraints, capturePolicies, captureRules, captureTriggers } from "./constraints";
import { guarded } from "./ddl";
import { captureDatabaseObject, captureDatabaseSettings, captureDefaultPrivileges, captureStatistics } from "./defaults";
import { captureComments, captureOwnershipAndGrants } from "./privileges";
import { captureRoutines, captureViews } from "./routines";
import { readSequences, sequenceDefinitions, sequenceOwnership, sequenceValues } from "./sequences";
import { captureTables } from "./tables";
import { captureCollations, captureTypes } from "./types";

async function captureSchemas(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname AS name FROM pg_catalog.pg_namespace n
      WHERE ${USER_SCHEMA} AND ${notInExtension("pg_namespace", "n.oid")} ORDER BY 1`,
  );
  // IF NOT EXISTS: "public" (and any schema an extension needs) already exists in a fresh database.
  return rows.map((r) => ({ kind: "schema", schema: null, name: r.name, phase: "pre-data", ddl: `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(r.name)};` }));
}

async function captureExtensions(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{ name: string; schema: string }>(
    `SELECT e.extname AS name, n.nspname AS schema FROM pg_catalog.pg_extension e
       JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace ORDER BY e.oid`,
  );
  return rows.map((r) => ({
    kind: "extension",
    schema: r.schema,
    name: r.name,
    phase: "pre-data",
    ddl: `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(r.name)} WITH SCHEMA ${quoteIdent(r.schema)};`,
  }));
}

async function databaseSettings(client: pg.Client, version: number): Promise<Record<string, string>> {
  const { rows } = await client.query<Record<string, string | null>>(
    `SELECT pg_catalog.pg_encoding_to_char(d.encoding) AS encoding, d.datcollate AS lc_collate, d.datctype AS lc_ctype,
            ${version >= 150000 ? `d.datlocprovider::text AS locale_provider, ${version >= 170000 ? "d.datlocale" : "d.daticulocale"} AS icu_locale,` : ""}
            pg_catalog.current_setting('server_version_num') AS server_version_num
       FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()`,
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rows[0])) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

export async function serverVersionNum(client: pg.Client): Promise<number> {
  const r = await client.query<{ v: string }>("SELECT pg_catalog.current_setting('server_version_num') AS v");
  return Number(r.rows[0].v);
}

export async function captureSchema(client: pg.Client): Promise<SchemaObjects> {
  const v = await serverVersionNum(client);
  const seqs = await readSequences(client);
  const types = await captureTypes(client, v);
  const routines = await captureRoutines(client, v);
  const tables = await captureTables(client, v, seqs);
  const views = await captureViews(client);
  const cons = await captureConstraints(client);
  const policies = await capturePolicies(client);
  const pre: SchemaObject[] = [
    ...(await captureSchemas(client)),
    ...(await captureExtensions(client)),
    ...(await captureCollations(client, v)),
    ...types.pre,
    ...routines.early,
    ...(await captureAggregates(client)),
    ...types.afterRoutines,
    ...sequenceDefinitions(seqs),
    ...tables.tables,
    ...tables.attach,
    ...sequenceOwnership(seqs),
    ...routines.late,
    ...views.views,
    ...routines.afterViews,
  ];
  const post: SchemaObject[] = [
    ...(await sequenceValues(client, seqs)),
    ...cons.indexes,
    ...cons.indexLinks,
    ...cons.references,
    ...views.afterKeys,
    ...types.post,
    ...(await captureStatistics(client)),
    ...(await captureTriggers(client, v)),
    ...(await captureRules(client)),
    ...tables.rowSecurity,
    ...policies.map((p) => ({ ...p.obj, ddl: guarded([p.stmt]) })),
    ...views.refresh,
    ...(await captureComments(client)),
    ...(await captureOwnershipAndGrants(client)),
    ...(await captureDefaultPrivileges(client)),
    ...(await captureDatabaseSettings(client)),
    ...(await captureDatabaseObject(client)),
  ];
  return { objects: [...pre, ...post], settings: await databaseSettings(client, v) };
}
