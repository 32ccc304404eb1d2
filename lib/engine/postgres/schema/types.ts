// Captures user-defined collations, enums, domains, composite and range types, in dependency order.
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { notInExtension, USER_SCHEMA } from "../catalog";
import { qualify, quoteIdent, quoteLiteral } from "../quote";
import { topoSort } from "./order";

const TYPES_SQL = (v: number) => `
SELECT t.oid, n.nspname AS schema, t.typname AS name, t.typtype,
       (SELECT pg_catalog.array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) AS labels,
       pg_catalog.format_type(t.typbasetype, t.typtypmod) AS base, t.typbasetype AS base_oid, t.typnotnull, pg_catalog.pg_get_expr(t.typdefaultbin, 0) AS typdefault,
       CASE WHEN t.typtype = 'd' AND t.typcollation <> 0 AND t.typcollation <> bt.typcollation THEN
         (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
            FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation)
       END AS collation,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object('name', c.conname, 'def', pg_catalog.pg_get_constraintdef(c.oid), 'valid', c.convalidated) ORDER BY c.conname)
          FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c') AS checks,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object('name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod), 'type_oid', a.atttypid,
                 'collation', CASE WHEN a.attcollation <> at.typcollation THEN
                   (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
                      FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END)
                 ORDER BY a.attnum)
          FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
         WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS attrs,
       -- A domain whose check calls a user function must wait for the functions.
       EXISTS (SELECT 1 FROM pg_catalog.pg_constraint dc JOIN pg_catalog.pg_depend d
                   ON d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objid = dc.oid
                  AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                 JOIN pg_catalog.pg_proc fp ON fp.oid = d.refobjid JOIN pg_catalog.pg_namespace fn ON fn.oid = fp.pronamespace
                WHERE dc.contypid = t.oid AND fn.nspname <> 'pg_catalog') AS calls_function,
       r.rngsubtype AS sub_oid, pg_catalog.format_type(r.rngsubtype, NULL) AS subtype,
       CASE WHEN NOT oc.opcdefault THEN pg_catalog.quote_ident(ocn.nspname) || '.' || pg_catalog.quote_ident(oc.opcname) END AS opclass,
       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation THEN
         (SELECT pg_catalog.quote_ident(cn.nspname) || '.' || pg_catalog.quote_ident(co.collname)
            FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = r.rngcollation)
       END AS range_collation,
       NULLIF(r.rngcanonical, 0)::pg_catalog.regproc::text AS canonical,
       NULLIF(r.rngsubdiff, 0)::pg_catalog.regproc::text AS subdiff,
       ${v >= 140000 ? "(SELECT pg_catalog.quote_ident(mn.nspname) || '.' || pg_catalog.quote_ident(mt.typname) FROM pg_catalog.pg_type mt JOIN pg_catalog.pg_namespace mn ON mn.oid = mt.typnamespace WHERE mt.oid = r.rngmultitypid)" : "NULL"} AS multirange
  FROM pg_catalog.pg_type t
  JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
  LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
  LEFT JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid
  LEFT JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype
  LEFT JOIN pg_catalog.pg_opclass oc ON oc.oid = r.rngsubopc
  LEFT JOIN pg_catalog.pg_namespace ocn ON ocn.oid = oc.opcnamespace
 WHERE t.typtype IN ('e', 'd', 'c', 'r') AND ${USER_SCHEMA} AND ${notInExtension("pg_type", "t.oid")}
   AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c')
 ORDER BY n.nspname, t.typname`;

interface TypeRow {
  oid: number;
  schema: string;
  name: string;
  typtype: "e" | "d" | "c" | "r";
  calls_function: boolean;
  labels: string[] | null;
  base: string;
  base_oid: number;
  typnotnull: boolean;
  typdefault: string | null;
  collation: string | null;
  checks: { name: string; def: string; valid: boolean }[] | null;
  attrs: { name: string; type: string; type_oid: number; collation: string | null }[] | null;
  sub_oid: number | null;
  subtype: string | null;
  opclass: string | null;
  range_collation: string | null;
  canonical: string | null;
  subdiff: string | null;
  multirange: string | null;
}

function typeDdl(t: TypeRow): string {
  const name = qualify(t.schema, t.name);
  switch (t.typtype) {
    case "e":
      return `CREATE TYPE ${name} AS ENUM (${(t.labels ?? []).map(quoteLiteral).join(", ")});`;
    case "c": {
      const attrs = (t.attrs ?? []).map((a) => `    ${quoteIdent(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ""}`);
      return `CREATE TYPE ${name} AS (\n${attrs.join(",\n")}\n);`;
    }
    case "d": {
      let ddl = `CREATE DOMAIN ${name} AS ${t.base}`;
      if (t.collation) ddl += ` COLLATE ${t.collation}`;
      if (t.typdefault !== null) ddl += ` DEFAULT ${t.typdefault}`;
      if (t.typnotnull) ddl += " NOT NULL";
      for (const c of (t.checks ?? []).filter((c) => c.valid)) ddl += `\n    CONSTRAINT ${quoteIdent(c.name)} ${c.def}`;
      return `${ddl};`;
    }
    case "r": {
      const opts = [`SUBTYPE = ${t.subtype}`];
      if (t.opclass) opts.push(`SUBTYPE_OPCLASS = ${t.opclass}`);
      if (t.range_collation) opts.push(`COLLATION = ${t.range_collation}`);
      if (t.canonical) opts.push(`CANONICAL = ${t.canonical}`);
      if (t.subdiff) opts.push(`SUBTYPE_DIFF = ${t.subdiff}`);
      if (t.multirange) opts.push(`MULTIRANGE_TYPE_NAME = ${t.multirange}`);
      return `CREATE TYPE ${name} AS RANGE (\n    ${opts.join(",\n    ")}\n);`;
    }
  }
}

/** Element type of an array type (so a domain over int4[] waits for nothing, one over myenum[] for myenum). */
async function arrayElements(client: pg.Client): Promise<Map<number, number>> {
  const r = await client.query<{ oid: number; elem: number }>(
    "SELECT oid, typelem AS elem FROM pg_catalog.pg_type WHERE typelem <> 0 AND typlen = -1 AND typnamespace NOT IN ('pg_catalog'::regnamespace)",
  );
  return new Map(r.rows.map((x) => [x.oid, x.elem]));
}

export interface CapturedTypes {
  pre: SchemaObject[];
  /** Domains whose checks call user functions, and the types built on them: created after the functions. */
  afterRoutines: SchemaObject[];
  /** NOT VALID domain constraints: added after the data, like pg_dump does. */
  post: SchemaObject[];
}

export async function captureTypes(client: pg.Client, version: number): Promise<CapturedTypes> {
  const { rows } = await client.query<TypeRow>(TYPES_SQL(version));
  const elems = await arrayElements(client);
  const resolve = (oid: number) => elems.get(oid) ?? oid;
  const deps = (t: TypeRow): number[] => {
    if (t.typtype === "d") return [resolve(Number(t.base_oid))];
    if (t.typtype === "c") return (t.attrs ?? []).map((a) => resolve(Number(a.type_oid)));
    if (t.typtype === "r" && t.sub_oid) return [resolve(Number(t.sub_oid))];
    return [];
  };
  const sorted = topoSort(rows, (t) => t.oid, deps);
  // In dependency order, so a type built on a late one is late too.
  const late = new Set<number>();
  for (const t of sorted) if (t.calls_function || deps(t).some((d) => late.has(d))) late.add(t.oid);
  const toObject = (t: TypeRow): SchemaObject => ({
    kind: t.typtype === "d" ? "domain" : "type",
    schema: t.schema,
    name: t.name,
    phase: "pre-data",
    ddl: typeDdl(t),
  });
  const pre = sorted.filter((t) => !late.has(t.oid)).map(toObject);
  const afterRoutines = sorted.filter((t) => late.has(t.oid)).map(toObject);
  const post: SchemaObject[] = [];
  for (const t of rows) {
    for (const c of (t.checks ?? []).filter((c) => !c.valid)) {
      post.push({
        kind: "domain constraint",
        schema: t.schema,
        name: c.name,
        phase: "post-data",
        ddl: `ALTER DOMAIN ${qualify(t.schema, t.name)} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.def};`,
      });
    }
  }
  return { pre, afterRoutines, post };
}

const COLLATIONS_SQL = (v: number) => `
SELECT n.nspname AS schema, c.collname AS name, c.collprovider AS provider, c.collisdeterministic AS deterministic,
       c.collcollate AS collate, c.collctype AS ctype, ${v >= 170000 ? "c.colllocale" : v >= 150000 ? "c.colliculocale" : "NULL"} AS icu
  FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n ON n.oid = c.collnamespace
 WHERE ${USER_SCHEMA} AND ${notInExtension("pg_collation", "c.oid")}
 ORDER BY 1, 2`;

export async function captureCollations(client: pg.Client, version: number): Promise<SchemaObject[]> {
  const { rows } = await client.query<{
    schema: string; name: string; provider: string; deterministic: boolean; collate: string | null; ctype: string | null; icu: string | null;
  }>(COLLATIONS_SQL(version));
  return rows.map((c) => {
    const opts = [`provider = ${c.provider === "i" ? "icu" : "libc"}`];
    if (c.provider === "i") opts.push(`locale = ${quoteLiteral(c.icu ?? c.collate ?? "")}`);
    else if (c.collate === c.ctype) opts.push(`locale = ${quoteLiteral(c.collate ?? "")}`);
    else opts.push(`lc_collate = ${quoteLiteral(c.collate ?? "")}`, `lc_ctype = ${quoteLiteral(c.ctype ?? "")}`);
    if (!c.deterministic) opts.push("deterministic = false");
    return { kind: "collation", schema: c.schema, name: c.name, phase: "pre-data", ddl: `CREATE COLLATION ${qualify(c.schema, c.name)} (${opts.join(", ")});` };
  });
}
