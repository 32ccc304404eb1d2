// Captures sequences: definitions before the tables (serial defaults name them), current values after the data.
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { USER_RELATION } from "../catalog";
import { qualify, quoteIdent, quoteLiteral } from "../quote";

export interface SequenceRow {
  oid: number;
  schema: string;
  name: string;
  type: string;
  relpersistence: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle: boolean;
  /** 'a' owned by a column (serial), 'i' an identity column's sequence, null standalone. */
  deptype: "a" | "i" | null;
  table_oid: number | null;
  table_schema: string | null;
  table_name: string | null;
  column: string | null;
  attnum: number | null;
}

const SEQUENCES_SQL = `
SELECT c.oid, n.nspname AS schema, c.relname AS name, pg_catalog.format_type(s.seqtypid, NULL) AS type, c.relpersistence,
       s.seqstart::text AS start, s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max,
       s.seqcache::text AS cache, s.seqcycle AS cycle,
       d.deptype, d.refobjid AS table_oid, tn.nspname AS table_schema, tc.relname AS table_name, a.attname AS column, a.attnum
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
  LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
        AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i')
  LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
  LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE c.relkind = 'S' AND ${USER_RELATION}
 ORDER BY n.nspname, c.relname`;

export async function readSequences(client: pg.Client): Promise<SequenceRow[]> {
  return (await client.query<SequenceRow>(SEQUENCES_SQL)).rows;
}

/** START WITH … CYCLE clause shared by CREATE SEQUENCE and identity columns. */
export function sequenceOptions(s: SequenceRow): string {
  return [
    `START WITH ${s.start}`,
    `INCREMENT BY ${s.increment}`,
    `MINVALUE ${s.min}`,
    `MAXVALUE ${s.max}`,
    `CACHE ${s.cache}`,
    s.cycle ? "CYCLE" : "NO CYCLE",
  ].join(" ");
}

/** CREATE SEQUENCE for sequences that are not an identity column's own. */
export function sequenceDefinitions(seqs: SequenceRow[]): SchemaObject[] {
  return seqs
    .filter((s) => s.deptype !== "i")
    .map((s) => ({
      kind: "sequence",
      schema: s.schema,
      name: s.name,
      ...(s.table_name ? { table: s.table_name } : {}),
      phase: "pre-data" as const,
      ddl: `CREATE ${s.relpersistence === "u" ? "UNLOGGED " : ""}SEQUENCE ${qualify(s.schema, s.name)} AS ${s.type} ${sequenceOptions(s)};`,
    }));
}

/** ALTER SEQUENCE … OWNED BY, once the owning tables exist. */
export function sequenceOwnership(seqs: SequenceRow[]): SchemaObject[] {
  return seqs
    .filter((s) => s.deptype === "a" && s.table_name && s.column)
    .map((s) => ({
      kind: "sequence owned by",
      schema: s.schema,
      name: s.name,
      table: s.table_name!,
      phase: "pre-data" as const,
      ddl: `ALTER SEQUENCE ${qualify(s.schema, s.name)} OWNED BY ${qualify(s.table_schema, s.table_name!)}.${quoteIdent(s.column!)};`,
    }));
}

/**
 * setval() for every sequence the role can read, with the value it has now (sequences are not
 * transactional, so this is the value at capture time, as with pg_dump).
 */
export async function sequenceValues(client: pg.Client, seqs: SequenceRow[]): Promise<SchemaObject[]> {
  const readable = (
    await client.query<{ oid: number }>(
      "SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relkind = 'S' AND c.oid = ANY($1::oid[]) AND pg_catalog.has_table_privilege(c.oid, 'SELECT')",
      [seqs.map((s) => s.oid)],
    )
  ).rows.map((r) => r.oid);
  const ok = new Set(readable);
  const out: SchemaObject[] = [];
  const list = seqs.filter((s) => ok.has(s.oid));
  for (let i = 0; i < list.length; i += 200) {
    const batch = list.slice(i, i + 200);
    const sql = batch
      .map((s, j) => `SELECT ${j} AS i, last_value::text AS v, is_called FROM ${qualify(s.schema, s.name)}`)
      .join(" UNION ALL ");
    const { rows } = await client.query<{ i: number; v: string; is_called: boolean }>(sql);
    for (const r of rows) {
      const s = batch[r.i];
      out.push({
        kind: "sequence value",
        schema: s.schema,
        name: s.name,
        ...(s.table_name ? { table: s.table_name } : {}),
        phase: "post-data",
        ddl: `SELECT pg_catalog.setval(${quoteLiteral(qualify(s.schema, s.name))}, ${r.v}, ${r.is_called});`,
      });
    }
  }
  return out;
}
