// Reads the table shapes (columns, key, estimates) and the ORDER BY that makes each table's rows deterministic.
import type pg from "pg";
import type { DatabaseShape, TableRef, TableShape } from "../types";
import { tableKey } from "../types";
import { USER_RELATION } from "./catalog";
import { qualify, quoteIdent } from "./quote";

export interface PgTable extends TableShape {
  oid: number;
  /** ORDER BY expressions (primary key, or every column with a ::text cast where the type has no btree order). */
  orderBy: string[];
}

// Per column: is there a default btree ordering for its type (through domains and arrays)? Types without
// one (json, point, xml, composites…) are ordered by their text form so the order is still total and stable.
const TABLES_SQL = `
WITH cols AS (
  SELECT a.attrelid, a.attnum, a.attname, a.attnotnull, a.attgenerated <> '' AS generated,
         pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
         a.atttypid
    FROM pg_catalog.pg_attribute a
   WHERE a.attnum > 0 AND NOT a.attisdropped
)
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS reltuples,
       pg_catalog.pg_table_size(c.oid)::float8 AS bytes,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                 'name', cols.attname, 'type', cols.type, 'nullable', NOT cols.attnotnull,
                 'generated', cols.generated, 'orderable', tidemark_orderable.ok) ORDER BY cols.attnum)
          FROM cols
          CROSS JOIN LATERAL (
            WITH RECURSIVE unwrap(t, depth) AS (
              SELECT cols.atttypid, 0
              UNION ALL
              SELECT CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.typelem END, depth + 1
                FROM unwrap JOIN pg_catalog.pg_type ty ON ty.oid = unwrap.t
               WHERE depth < 10 AND (ty.typtype = 'd' OR (ty.typcategory = 'A' AND ty.typelem <> 0 AND ty.typlen = -1))
            )
            SELECT CASE WHEN ty.typtype IN ('e', 'r', 'm') THEN true
                        WHEN ty.typtype = 'c' THEN false
                        ELSE EXISTS (SELECT 1 FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_am am ON am.oid = o.opcmethod
                                      WHERE am.amname = 'btree' AND o.opcdefault
                                        AND (o.opcintype = ty.oid OR EXISTS (
                                              SELECT 1 FROM pg_catalog.pg_cast ca WHERE ca.castsource = ty.oid
                                                 AND ca.casttarget = o.opcintype AND ca.castmethod = 'b' AND ca.castcontext = 'i')))
                   END AS ok
              FROM (SELECT t FROM unwrap ORDER BY depth DESC LIMIT 1) last
              JOIN pg_catalog.pg_type ty ON ty.oid = last.t
          ) tidemark_orderable
         WHERE cols.attrelid = c.oid) AS columns,
       (SELECT pg_catalog.array_agg(a.attname::text ORDER BY k.ord)
          FROM pg_catalog.pg_index i
          CROSS JOIN LATERAL pg_catalog.unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
         WHERE i.indrelid = c.oid AND i.indisprimary) AS key
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r' AND c.relpersistence <> 't' AND ${USER_RELATION}
 ORDER BY n.nspname, c.relname`;

interface Row {
  oid: number;
  schema: string;
  name: string;
  reltuples: number;
  bytes: number;
  columns: { name: string; type: string; nullable: boolean; generated: boolean; orderable: boolean }[] | null;
  key: string[] | null;
}

/** A partitioned table stands for its leaf partitions, which hold the rows. */
async function expandPartitioned(client: pg.Client, keys: Set<string>): Promise<Set<string>> {
  const { rows } = await client.query<{ parent: string; leaf: string }>(
    `SELECT pn.nspname || '.' || pc.relname AS parent, ln.nspname || '.' || lc.relname AS leaf
       FROM pg_catalog.pg_class pc JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
      CROSS JOIN LATERAL pg_catalog.pg_partition_tree(pc.oid) t
       JOIN pg_catalog.pg_class lc ON lc.oid = t.relid JOIN pg_catalog.pg_namespace ln ON ln.oid = lc.relnamespace
      WHERE pc.relkind = 'p' AND t.isleaf AND pn.nspname || '.' || pc.relname = ANY ($1)`,
    [[...keys]],
  );
  const out = new Set(keys);
  for (const r of rows) {
    out.delete(r.parent);
    out.add(r.leaf);
  }
  return out;
}

export async function readTables(client: pg.Client, only?: TableRef[]): Promise<PgTable[]> {
  const { rows } = await client.query<Row>(TABLES_SQL);
  const wanted = only ? await expandPartitioned(client, new Set(only.map((t) => tableKey({ schema: t.schema ?? "public", name: t.name })))) : null;
  const tables = rows
    .filter((r) => !wanted || wanted.has(`${r.schema}.${r.name}`))
    .map((r): PgTable => {
      const all = r.columns ?? [];
      const stored = all.filter((c) => !c.generated);
      const key = r.key ?? [];
      const orderBy =
        key.length > 0
          ? key.map(quoteIdent)
          : stored.map((c) => (c.orderable ? quoteIdent(c.name) : `${quoteIdent(c.name)}::pg_catalog.text`));
      return {
        oid: r.oid,
        ref: { schema: r.schema, name: r.name },
        columns: all.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, ...(c.generated ? { generated: true } : {}) })),
        keyColumns: key,
        rowEstimate: Math.max(0, Math.round(r.reltuples)),
        bytesEstimate: Math.round(r.bytes),
        orderBy,
      };
    });
  if (wanted && tables.length < wanted.size) {
    const found = new Set(tables.map((t) => `${t.ref.schema}.${t.ref.name}`));
    const missing = [...wanted].filter((k) => !found.has(k));
    throw new Error(`Table${missing.length > 1 ? "s" : ""} not found: ${missing.join(", ")}`);
  }
  return tables;
}

export function toShape(t: PgTable): TableShape {
  return { ref: t.ref, columns: t.columns, keyColumns: t.keyColumns, rowEstimate: t.rowEstimate, bytesEstimate: t.bytesEstimate };
}

export async function readShape(client: pg.Client, only?: TableRef[]): Promise<DatabaseShape> {
  const db = await client.query<{ db: string }>("SELECT pg_catalog.current_database() AS db");
  return { database: db.rows[0].db, tables: (await readTables(client, only)).map(toShape) };
}

/** The SELECT whose COPY output is a table's canonical row stream. */
export function rowsQuery(t: PgTable, where = ""): string {
  const cols = t.columns.filter((c) => !c.generated).map((c) => quoteIdent(c.name));
  const from = qualify(t.ref.schema, t.ref.name);
  if (cols.length === 0) return `SELECT FROM ONLY ${from}`;
  return `SELECT ${cols.join(", ")} FROM ONLY ${from}${where ? ` WHERE ${where}` : ""} ORDER BY ${t.orderBy.join(", ")}`;
}

/** The quoted primary key column when the key is one integer column (range reads need nothing else). */
export function integerKeyColumn(t: PgTable): string | null {
  if (t.keyColumns.length !== 1) return null;
  const col = t.columns.find((c) => c.name === t.keyColumns[0]);
  return col && /^(smallint|integer|bigint)$/.test(col.type) ? quoteIdent(col.name) : null;
}
