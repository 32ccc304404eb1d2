// Captures functions, procedures, views and materialized views (views in dependency order).
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { notImplicit, notInExtension, USER_RELATION, USER_SCHEMA } from "../catalog";
import { qualify } from "../quote";
import { topoSort } from "./order";

const ROUTINES_SQL = (v: number) => `
SELECT p.oid, n.nspname AS schema, p.proname AS name, p.prokind,
       pg_catalog.pg_get_functiondef(p.oid) AS def,
       -- Functions that take or return a table's row type, or have a SQL-standard body, need the tables
       -- first; those on a view's row type need the views.
       CASE WHEN EXISTS (
          SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_type t ON t.oid = d.refobjid
            JOIN pg_catalog.pg_class rc ON rc.oid = t.typrelid
           WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid
             AND d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND rc.relkind IN ('v', 'm')) THEN 'views'
            WHEN ${v >= 140000 ? "p.prosqlbody IS NOT NULL OR " : ""}EXISTS (
          SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_type t ON t.oid = d.refobjid
            JOIN pg_catalog.pg_class rc ON rc.oid = t.typrelid
           WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid
             AND d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass AND rc.relkind <> 'c') THEN 'tables'
            ELSE 'types' END AS after
  FROM pg_catalog.pg_proc p
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE p.prokind IN ('f', 'p', 'w') AND ${USER_SCHEMA} AND ${notInExtension("pg_proc", "p.oid")} AND ${notImplicit("pg_proc", "p.oid")}
 ORDER BY n.nspname, p.proname, p.oid`;

export interface CapturedRoutines {
  /** Before the tables: defaults, checks and generated columns may call them. */
  early: SchemaObject[];
  /** After the tables: they name a table's row type. */
  late: SchemaObject[];
  /** After the views: they name a view's row type. */
  afterViews: SchemaObject[];
}

export async function captureRoutines(client: pg.Client, version: number): Promise<CapturedRoutines> {
  const { rows } = await client.query<{ oid: number; schema: string; name: string; prokind: string; def: string; after: string }>(
    ROUTINES_SQL(version),
  );
  const early: SchemaObject[] = [];
  const late: SchemaObject[] = [];
  const afterViews: SchemaObject[] = [];
  for (const r of rows) {
    const obj: SchemaObject = {
      kind: r.prokind === "p" ? "procedure" : "function",
      schema: r.schema,
      name: r.name,
      phase: "pre-data",
      ddl: `${r.def.trimEnd()};`,
    };
    (r.after === "views" ? afterViews : r.after === "tables" ? late : early).push(obj);
  }
  return { early, late, afterViews };
}

const VIEWS_SQL = `
SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relkind, c.reloptions, c.relispopulated,
       pg_catalog.pg_get_viewdef(c.oid) AS def,
       CASE WHEN am.amname IS NOT NULL AND am.amname <> 'heap' THEN am.amname END AS am,
       (SELECT pg_catalog.array_agg(DISTINCT d.refobjid)
          FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_depend d
            ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid
         WHERE r.ev_class = c.oid AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid <> c.oid) AS deps,
       EXISTS (SELECT FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_depend d
                 ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid
                WHERE r.ev_class = c.oid AND d.refclassid = 'pg_catalog.pg_constraint'::pg_catalog.regclass) AS needs_key
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
 WHERE c.relkind IN ('v', 'm') AND ${USER_RELATION}
 ORDER BY n.nspname, c.relname`;

interface ViewRow {
  oid: number;
  schema: string;
  name: string;
  relkind: "v" | "m";
  reloptions: string[] | null;
  relispopulated: boolean;
  def: string;
  am: string | null;
  deps: number[] | null;
  /** Valid only thanks to a primary key or unique constraint (GROUP BY the key selecting other columns). */
  needs_key: boolean;
}

export interface CapturedViews {
  /** Pre-data: created right after the tables. */
  views: SchemaObject[];
  /**
   * Views that need a key (and the views built on them), in dependency order: post-data, right after the
   * constraints, since the keys are only added once the rows are loaded.
   */
  afterKeys: SchemaObject[];
  /** REFRESH for populated materialized views, in dependency order (post-data). */
  refresh: SchemaObject[];
  /** View oid → relation oids it reads (for callers that need to know what a view depends on). */
  deps: Map<string, number[]>;
}

export async function captureViews(client: pg.Client): Promise<CapturedViews> {
  const { rows } = await client.query<ViewRow>(VIEWS_SQL);
  const sorted = topoSort(rows, (v) => v.oid, (v) => (v.deps ?? []).map(Number));
  const views: SchemaObject[] = [];
  const afterKeys: SchemaObject[] = [];
  const refresh: SchemaObject[] = [];
  const deferred = new Set<number>();
  for (const v of sorted) {
    const name = qualify(v.schema, v.name);
    const body = v.def.trim().replace(/;$/, "");
    const opts = v.reloptions?.length ? ` WITH (${v.reloptions.join(", ")})` : "";
    const late = v.needs_key || (v.deps ?? []).some((d) => deferred.has(Number(d)));
    if (late) deferred.add(Number(v.oid));
    const phase = late ? "post-data" : "pre-data";
    let obj: SchemaObject;
    if (v.relkind === "v") {
      obj = { kind: "view", schema: v.schema, name: v.name, phase, ddl: `CREATE VIEW ${name}${opts} AS\n${body};` };
    } else {
      const using = v.am ? ` USING ${v.am}` : "";
      obj = { kind: "materialized view", schema: v.schema, name: v.name, phase, ddl: `CREATE MATERIALIZED VIEW ${name}${using}${opts} AS\n${body}\nWITH NO DATA;` };
      if (v.relispopulated) {
        refresh.push({ kind: "refresh", schema: v.schema, name: v.name, phase: "post-data", ddl: `REFRESH MATERIALIZED VIEW ${name};` });
      }
    }
    (late ? afterKeys : views).push(obj);
  }
  return { views, afterKeys, refresh, deps: new Map(rows.map((v) => [`${v.schema}.${v.name}`, v.deps ?? []])) };
}
