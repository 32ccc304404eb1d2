// Captures CREATE TABLE statements (columns, identity, generated, defaults, collations, checks, partitioning,
// inheritance), parents before children, and ATTACH PARTITION for partitions.
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { USER_RELATION } from "../catalog";
import { qualify, quoteIdent } from "../quote";
import { topoSort } from "./order";
import { sequenceOptions, type SequenceRow } from "./sequences";

const COLL = (oidExpr: string) =>
  `(SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
      FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = ${oidExpr})`;

const TABLES_SQL = (v: number) => `
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind, c.relpersistence, c.relispartition,
       c.relrowsecurity, c.relforcerowsecurity, c.relreplident, c.reloptions,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkey,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS bound,
       CASE WHEN am.amname IS NOT NULL AND am.amname <> 'heap' THEN am.amname END AS am,
       CASE WHEN c.reloftype <> 0 THEN pg_catalog.format_type(c.reloftype, NULL) END AS oftype,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object('oid', pc.oid, 'name', pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(pc.relname)) ORDER BY i.inhseqno)
          FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid) AS parents,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                 'name', a.attname, 'attnum', a.attnum, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
                 'notnull', a.attnotnull, 'local', a.attislocal, 'generated', a.attgenerated, 'identity', a.attidentity,
                 'default', pg_catalog.pg_get_expr(ad.adbin, ad.adrelid),
                 'collation', CASE WHEN a.attcollation <> t.typcollation THEN ${COLL("a.attcollation")} END,
                 'storage', CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END,
                 'stattarget', a.attstattarget, 'options', a.attoptions,
                 'compression', ${v >= 140000 ? "NULLIF(a.attcompression::text, '')" : "NULL"}) ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
          LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object('name', co.conname, 'def', pg_catalog.pg_get_constraintdef(co.oid), 'local', co.conislocal) ORDER BY co.conname)
          FROM pg_catalog.pg_constraint co WHERE co.conrelid = c.oid AND co.contype = 'c' AND co.convalidated) AS checks
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
 WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't' AND ${USER_RELATION}
 ORDER BY n.nspname, c.relname`;

interface ColumnRow {
  name: string;
  attnum: number;
  type: string;
  notnull: boolean;
  local: boolean;
  generated: string;
  identity: string;
  default: string | null;
  collation: string | null;
  storage: string | null;
  stattarget: number;
  options: string[] | null;
  compression: string | null;
}

interface TableRow {
  oid: number;
  schema: string;
  name: string;
  relkind: "r" | "p";
  relpersistence: string;
  relispartition: boolean;
  relrowsecurity: boolean;
  relforcerowsecurity: boolean;
  relreplident: string;
  reloptions: string[] | null;
  partkey: string | null;
  bound: string | null;
  am: string | null;
  oftype: string | null;
  parents: { oid: number; name: string }[] | null;
  columns: ColumnRow[] | null;
  checks: { name: string; def: string; local: boolean }[] | null;
}

const STORAGE: Record<string, string> = { p: "PLAIN", e: "EXTERNAL", m: "MAIN", x: "EXTENDED" };
const COMPRESSION: Record<string, string> = { p: "pglz", l: "lz4" };

function columnDef(t: TableRow, c: ColumnRow, identity: Map<string, SequenceRow>): string {
  let def = `    ${quoteIdent(c.name)} ${c.type}`;
  if (c.compression && COMPRESSION[c.compression]) def += ` COMPRESSION ${COMPRESSION[c.compression]}`;
  if (c.collation) def += ` COLLATE ${c.collation}`;
  if (c.generated === "s") def += ` GENERATED ALWAYS AS (${c.default}) STORED`;
  else if (c.default !== null) def += ` DEFAULT ${c.default}`;
  if (c.identity) {
    const seq = identity.get(`${t.oid}:${c.attnum}`);
    const opts = seq ? ` (SEQUENCE NAME ${qualify(seq.schema, seq.name)} ${sequenceOptions(seq)})` : "";
    def += ` GENERATED ${c.identity === "a" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY${opts}`;
  }
  if (c.notnull) def += " NOT NULL";
  return def;
}

function typedColumnOptions(c: ColumnRow): string | null {
  const parts: string[] = [];
  if (c.default !== null && c.generated !== "s") parts.push(`DEFAULT ${c.default}`);
  if (c.notnull) parts.push("NOT NULL");
  return parts.length ? `    ${quoteIdent(c.name)} WITH OPTIONS ${parts.join(" ")}` : null;
}

function tableDdl(t: TableRow, identity: Map<string, SequenceRow>): string {
  const name = qualify(t.schema, t.name);
  // Partitions list every column and check (ATTACH requires them); inheritance children only their own.
  const all = t.relispartition;
  const cols = (t.columns ?? []).filter((c) => all || c.local);
  const checks = (t.checks ?? []).filter((c) => all || c.local);
  const checkItems = checks.map((c) => `    CONSTRAINT ${quoteIdent(c.name)} ${c.def}`);
  let ddl: string;
  if (t.oftype) {
    // A typed table takes its columns from the type; only their options are spelled out.
    const opts = cols.map((c) => typedColumnOptions(c)).filter((o): o is string => o !== null);
    const items = [...opts, ...checkItems];
    ddl = `CREATE ${t.relpersistence === "u" ? "UNLOGGED " : ""}TABLE ${name} OF ${t.oftype}${items.length ? ` (\n${items.join(",\n")}\n)` : ""}`;
  } else {
    const items = [...cols.map((c) => columnDef(t, c, identity)), ...checkItems];
    ddl = `CREATE ${t.relpersistence === "u" ? "UNLOGGED " : ""}TABLE ${name} (\n${items.join(",\n")}\n)`;
  }
  if (!t.relispartition && t.parents?.length) ddl += `\nINHERITS (${t.parents.map((p) => p.name).join(", ")})`;
  if (t.partkey) ddl += `\nPARTITION BY ${t.partkey}`;
  if (t.am) ddl += `\nUSING ${quoteIdent(t.am)}`;
  if (t.reloptions?.length) ddl += `\nWITH (${t.reloptions.join(", ")})`;
  ddl += ";";
  const extra: string[] = [];
  for (const c of cols) {
    if (c.storage && STORAGE[c.storage]) extra.push(`ALTER TABLE ONLY ${name} ALTER COLUMN ${quoteIdent(c.name)} SET STORAGE ${STORAGE[c.storage]};`);
    if (c.options?.length) extra.push(`ALTER TABLE ONLY ${name} ALTER COLUMN ${quoteIdent(c.name)} SET (${c.options.join(", ")});`);
    if (c.stattarget > 0) extra.push(`ALTER TABLE ONLY ${name} ALTER COLUMN ${quoteIdent(c.name)} SET STATISTICS ${c.stattarget};`);
  }
  if (t.relreplident === "f") extra.push(`ALTER TABLE ONLY ${name} REPLICA IDENTITY FULL;`);
  if (t.relreplident === "n") extra.push(`ALTER TABLE ONLY ${name} REPLICA IDENTITY NOTHING;`);
  return [ddl, ...extra].join("\n");
}

export interface CapturedTables {
  tables: SchemaObject[];
  /** ATTACH PARTITION statements, run once every table exists. */
  attach: SchemaObject[];
  /** ENABLE/FORCE ROW LEVEL SECURITY, after the data so loading is never filtered by a policy. */
  rowSecurity: SchemaObject[];
}

export async function captureTables(client: pg.Client, version: number, seqs: SequenceRow[]): Promise<CapturedTables> {
  const { rows } = await client.query<TableRow>(TABLES_SQL(version));
  const identity = new Map(seqs.filter((s) => s.deptype === "i").map((s) => [`${s.table_oid}:${s.attnum}`, s]));
  const sorted = topoSort(rows, (t) => t.oid, (t) => (t.parents ?? []).map((p) => Number(p.oid)));
  const tables = sorted.map((t): SchemaObject => ({
    kind: "table",
    schema: t.schema,
    name: t.name,
    table: t.name,
    phase: "pre-data",
    ddl: tableDdl(t, identity),
  }));
  const attach = sorted
    .filter((t) => t.relispartition && t.parents?.length)
    .map((t): SchemaObject => ({
      kind: "partition",
      schema: t.schema,
      name: t.name,
      table: t.name,
      phase: "pre-data",
      ddl: `ALTER TABLE ONLY ${t.parents![0].name} ATTACH PARTITION ${qualify(t.schema, t.name)} ${t.bound};`,
    }));
  const rowSecurity = sorted
    .filter((t) => t.relrowsecurity || t.relforcerowsecurity)
    .map((t): SchemaObject => {
      const name = qualify(t.schema, t.name);
      const ddl = [
        t.relrowsecurity ? `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;` : "",
        t.relforcerowsecurity ? `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;` : "",
      ].filter(Boolean);
      return { kind: "row security", schema: t.schema, name: t.name, table: t.name, phase: "post-data", ddl: ddl.join("\n") };
    });
  return { tables, attach, rowSecurity };
}
