// Before a chosen-tables replace drops tables with CASCADE: finds what the CASCADE would take along that the
// restore does not put back (inheritance children and partitions, columns of other tables typed with a chosen
// table's row type, defaults or indexes calling a recreated function…) and refuses, so nothing is lost silently.
import type pg from "pg";
import { tableKey, type TableRef } from "../../types";

const CLASS = "'pg_catalog.pg_class'::pg_catalog.regclass::oid";

/**
 * One step of DROP … CASCADE from object (c, o, s): its dependents (on the whole object, or on that one column),
 * and the owner of an internal part (a view's rewrite rule takes the view along). pg_depend's indexes serve both.
 */
const STEP = (from: string) => `
CROSS JOIN LATERAL (
  SELECT pd.classid AS c, pd.objid AS o, pd.objsubid AS s, pd.deptype
    FROM pg_catalog.pg_depend pd
   WHERE pd.refclassid = ${from}.c AND pd.refobjid = ${from}.o AND (${from}.s = 0 OR pd.refobjsubid = ${from}.s)
     AND pd.deptype IN ('n', 'a', 'i', 'P', 'S')
  UNION ALL
  SELECT pd.refclassid, pd.refobjid, pd.refobjsubid, 'o' -- not a deptype: "the owner of"
    FROM pg_catalog.pg_depend pd
   WHERE pd.classid = ${from}.c AND pd.objid = ${from}.o AND (${from}.s = 0 OR pd.objsubid = ${from}.s) AND pd.deptype = 'i'
) e`;

/** Object `x` (or, for a column, its whole relation) is kept. Uncorrelated IN, so the planner hashes `kept` once. */
const isKept = (x: string) => `((${x}.c, ${x}.o, 0) IN (SELECT c, o, s FROM kept) OR (${x}.c, ${x}.o, ${x}.s) IN (SELECT c, o, s FROM kept))`;

const LOST_SQL = `
WITH RECURSIVE kept(c, o, s, whole) AS (
  -- What the restore recreates: the chosen tables and the captured views with everything that is part of them
  -- (keys, indexes, triggers, owned sequences, row types…), the captured functions, and the foreign keys that
  -- reference the chosen tables.
  SELECT ${CLASS}, x, 0, true FROM pg_catalog.unnest($1::oid[] || $2::oid[]) x
  UNION
  SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass::oid, x, 0, false FROM pg_catalog.unnest($3::oid[]) x
  UNION
  SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass::oid, co.oid, 0, false
    FROM pg_catalog.pg_constraint co WHERE co.contype = 'f' AND co.confrelid = ANY ($1::oid[])
  UNION
  SELECT e.c, e.o, e.s, k.whole FROM kept k ${STEP("k")}
   WHERE (e.deptype = 'i' OR (k.whole AND e.deptype IN ('a', 'P', 'S')))
     -- A partition is "auto" dependent on its parent, yet is a table of its own: kept only when chosen.
     AND NOT (e.c = ${CLASS} AND e.s = 0 AND NOT e.o = ANY ($1::oid[] || $2::oid[])
              AND (SELECT relkind FROM pg_catalog.pg_class WHERE oid = e.o) IN ('r', 'p', 'f', 'v', 'm'))
), dropped(c, o, s, vc, vo, vs) AS (
  SELECT ${CLASS}, x, 0, 0::oid, 0::oid, 0 FROM pg_catalog.unnest($1::oid[]) x
  UNION
  SELECT e.c, e.o, e.s, d.c, d.o, d.s FROM dropped d ${STEP("d")}
   -- Walk on from what is kept; from a lost table only to its own children, so a whole inheritance tree is named.
   WHERE ${isKept("d")}
      OR (d.c = ${CLASS} AND d.s = 0 AND e.c = ${CLASS} AND e.s = 0
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhparent = d.o AND i.inhrelid = e.o))
), lost AS (
  SELECT * FROM dropped d WHERE NOT ${isKept("d")}
)
SELECT * FROM (
  SELECT DISTINCT ON (l.c, l.o, l.s) o.type, o.identity, v.type AS via_type, v.identity AS via_identity,
         i.inhrelid IS NOT NULL AS child, c.relispartition AS partition,
         CASE WHEN l.c = ${CLASS} AND l.s > 0 THEN rel.identity END AS column_table
    FROM lost l
   CROSS JOIN LATERAL pg_catalog.pg_identify_object(l.c, l.o, l.s) o
   CROSS JOIN LATERAL pg_catalog.pg_identify_object(l.vc, l.vo, l.vs) v
   CROSS JOIN LATERAL pg_catalog.pg_identify_object(l.c, l.o, 0) rel
    LEFT JOIN pg_catalog.pg_inherits i ON l.c = ${CLASS} AND l.s = 0 AND l.vc = ${CLASS} AND i.inhrelid = l.o AND i.inhparent = l.vo
    LEFT JOIN pg_catalog.pg_class c ON l.c = ${CLASS} AND c.oid = l.o
   -- The defaults, indexes… of a lost table go with it: naming the table is enough (but name its partitions).
   WHERE i.inhrelid IS NOT NULL
      OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend pd JOIN lost t ON t.c = pd.refclassid AND t.o = pd.refobjid AND t.s = 0
                      WHERE pd.classid = l.c AND pd.objid = l.o AND pd.objsubid = l.s
                        AND pd.deptype IN ('a', 'i') AND pd.refclassid = ${CLASS})
   ORDER BY l.c, l.o, l.s, i.inhrelid IS NULL, v.identity
) x
ORDER BY NOT child, column_table IS NULL, identity`;

export interface Kept {
  /** Views and materialized views captured to be recreated. */
  views: number[];
  /** Functions captured to be recreated. */
  functions: number[];
}

/**
 * Throws, naming each object and what to do, when dropping `tableOids` with CASCADE would also drop something
 * outside the chosen tables that the restore does not recreate. Changes nothing.
 */
export async function refuseOutsideDrops(c: pg.Client, tables: TableRef[], tableOids: number[], kept: Kept): Promise<void> {
  if (tableOids.length === 0) return;
  const { rows } = await c.query<{
    type: string; identity: string; via_type: string; via_identity: string; child: boolean; partition: boolean | null; column_table: string | null;
  }>(LOST_SQL, [tableOids, kept.views, kept.functions]);
  if (rows.length === 0) return;
  const lines = rows.map((r) => {
    if (r.child) {
      return `${r.identity} ${r.partition ? "is a partition of" : "inherits from"} ${r.via_identity}: choose it too, or restore into a new database`;
    }
    if (r.column_table && r.via_type === "type") {
      return `${r.type} ${r.identity} has the type ${r.via_identity}: choose ${r.column_table} too, or restore into a new database`;
    }
    return `${r.type} ${r.identity} depends on ${r.via_type} ${r.via_identity}: remove that dependency first, or restore into a new database`;
  });
  throw new Error(
    `Cannot replace ${tables.map(tableKey).join(", ")} in place: dropping the chosen tables would also drop these objects, ` +
      `which the restore does not put back. Nothing was changed.\n${lines.map((l) => `- ${l}`).join("\n")}`,
  );
}
