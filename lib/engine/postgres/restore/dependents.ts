// Before a chosen-tables replace drops tables with CASCADE: captures, from the target itself, the objects
// outside those tables that CASCADE would take along (views with their indexes, triggers and rules, functions on
// their row types, foreign keys from other tables, and the comments, owners and grants of those), so they can be
// put back afterwards. What cannot be put back this way is refused by outside-drops.ts.
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { quoteIdent } from "../quote";
import { serverVersionNum } from "../schema/capture";
import { captureConstraints, captureRules, captureTriggers } from "../schema/constraints";
import { captureStatistics } from "../schema/defaults";
import { captureComments, captureOwnershipAndGrants } from "../schema/privileges";
import { captureViews } from "../schema/routines";
import type { Kept } from "./outside-drops";

const DEPENDENTS_SQL = `
WITH RECURSIVE edges(refclassid, refobjid, classid, objid) AS (
  -- A view depends through its rewrite rule; report the view itself.
  SELECT d.refclassid, d.refobjid,
         CASE WHEN d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN 'pg_catalog.pg_class'::pg_catalog.regclass::oid ELSE d.classid END,
         CASE WHEN d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN r.ev_class ELSE d.objid END
    FROM pg_catalog.pg_depend d
    LEFT JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND r.oid = d.objid
   WHERE d.deptype = 'n' AND d.classid IN ('pg_catalog.pg_rewrite'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass)
  UNION ALL
  -- A relation's row type and its array type: functions taking them depend on the type, not the relation.
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::oid, c.oid, 'pg_catalog.pg_type'::pg_catalog.regclass::oid, x
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_type t ON t.oid = c.reltype
   CROSS JOIN LATERAL pg_catalog.unnest(ARRAY[t.oid, t.typarray]) x
   WHERE x <> 0
), dep(classid, objid) AS (
  SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::oid, x FROM pg_catalog.unnest($1::oid[]) x
  UNION
  SELECT e.classid, e.objid FROM dep JOIN edges e ON e.refclassid = dep.classid AND e.refobjid = dep.objid
)
SELECT dep.classid::pg_catalog.regclass::text AS catalog, dep.objid, o.type, o.identity,
       CASE WHEN dep.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                 AND (SELECT prokind FROM pg_catalog.pg_proc WHERE oid = dep.objid) <> 'a'
            THEN pg_catalog.pg_get_functiondef(dep.objid) END AS def,
       c.relkind, n.nspname AS schema, c.relname AS name
  FROM dep
 CROSS JOIN LATERAL pg_catalog.pg_identify_object(dep.classid, dep.objid, 0) o
  LEFT JOIN pg_catalog.pg_class c ON dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND c.oid = dep.objid
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT (dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND dep.objid = ANY ($1::oid[]))
   AND dep.classid <> 'pg_catalog.pg_type'::pg_catalog.regclass`;

export interface Dependents {
  /** Functions first, then views in dependency order: created once the replaced tables exist. */
  pre: SchemaObject[];
  /**
   * Foreign keys from other tables, views that need the tables' keys, the views' indexes, triggers, rules and
   * statistics, REFRESH, comments, owners and grants.
   */
  post: SchemaObject[];
  /** What is recreated: the oids of the captured views and functions. */
  kept: Kept;
}

export async function captureDependents(c: pg.Client, tableOids: number[]): Promise<Dependents> {
  const { rows } = await c.query<{
    catalog: string; objid: number; type: string; identity: string; def: string | null; relkind: string | null; schema: string | null; name: string | null;
  }>(DEPENDENTS_SQL, [tableOids]);
  const functionRows = rows.filter((r) => r.def);
  const functions: SchemaObject[] = functionRows.map((r) => ({ kind: r.type, schema: null, name: r.identity, phase: "pre-data", ddl: `${r.def!.trimEnd()};` }));
  const viewRows = rows.filter((r) => r.relkind === "v" || r.relkind === "m");
  const viewKeys = new Set(viewRows.map((r) => `${r.schema}.${r.name}`));
  const isView = (o: SchemaObject) => viewKeys.has(`${o.schema}.${o.table ?? o.name}`);
  const views = viewKeys.size ? await captureViews(c) : { views: [], afterKeys: [], refresh: [] };
  // DROP … CASCADE takes a materialized view's indexes and a view's triggers and rules along with the view.
  const attached = viewKeys.size
    ? [
        ...(await captureConstraints(c)).indexes,
        ...(await captureTriggers(c, await serverVersionNum(c))),
        ...(await captureRules(c)),
        ...(await captureStatistics(c)),
      ].filter((o) => o.table !== undefined && isView(o))
    : [];
  const fks = await c.query<{ tbl: string; name: string; def: string }>(
    `SELECT co.conrelid::pg_catalog.regclass::text AS tbl, co.conname AS name, pg_catalog.pg_get_constraintdef(co.oid) AS def
       FROM pg_catalog.pg_constraint co
      WHERE co.contype = 'f' AND co.confrelid = ANY ($1::oid[]) AND NOT co.conrelid = ANY ($1::oid[]) AND co.conparentid = 0`,
    [tableOids],
  );
  const identities = rows.map((r) => `${r.type} ${r.identity}`);
  const related = (name: string) => identities.some((i) => name === i || name.startsWith(`${i.replace(/^(view|materialized view) /, "$1 column ")}.`));
  const extras = [...(await captureComments(c)), ...(await captureOwnershipAndGrants(c))].filter(
    (o) => related(o.name) || (o.kind === "comment" && o.table !== undefined && isView(o)), // the views' indexes, triggers, rules
  );
  return {
    pre: [...functions, ...views.views.filter(isView)],
    post: [
      ...fks.rows.map((f): SchemaObject => ({
        kind: "foreign key",
        schema: null,
        name: f.name,
        phase: "post-data",
        ddl: `ALTER TABLE ${f.tbl} ADD CONSTRAINT ${quoteIdent(f.name)} ${f.def};`,
      })),
      ...views.afterKeys.filter(isView),
      ...attached,
      ...views.refresh.filter(isView),
      ...extras,
    ],
    kept: {
      views: viewRows.filter((r) => [...views.views, ...views.afterKeys].some((v) => v.schema === r.schema && v.name === r.name)).map((r) => r.objid),
      functions: functionRows.map((r) => r.objid),
    },
  };
}
