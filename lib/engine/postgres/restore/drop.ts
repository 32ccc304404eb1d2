// Drops what an in-place restore replaces, inside the restore's transaction (so a rollback brings it all back).
import type pg from "pg";
import type { TableRef } from "../../types";
import { notImplicit, notInExtension, USER_SCHEMA } from "../catalog";
import { qualify } from "../quote";
import { objectKeyword } from "../schema/ddl";

/**
 * Whole-database replace: every user object goes. Schemas without extension objects are dropped whole;
 * in the others ("public", or where an extension lives) each non-extension object is dropped, so the
 * extensions and the schema's own grants survive.
 */
export async function dropUserObjects(client: pg.Client): Promise<void> {
  const schemas = await client.query<{ name: string; keep: boolean }>(
    `SELECT n.nspname AS name,
            n.nspname = 'public'
            OR EXISTS (SELECT 1 FROM pg_catalog.pg_extension e WHERE e.extnamespace = n.oid)
            OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class c ON c.oid = d.objid
                        WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'e' AND c.relnamespace = n.oid)
            OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_proc p ON p.oid = d.objid
                        WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.deptype = 'e' AND p.pronamespace = n.oid)
            OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_type t ON t.oid = d.objid
                        WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.deptype = 'e' AND t.typnamespace = n.oid) AS keep
       FROM pg_catalog.pg_namespace n
      WHERE ${USER_SCHEMA} AND ${notInExtension("pg_namespace", "n.oid")}`,
  );
  for (const s of schemas.rows.filter((s) => !s.keep)) {
    await client.query(`DROP SCHEMA ${qualify(null, s.name)} CASCADE`);
  }
  const kept = schemas.rows.filter((s) => s.keep).map((s) => s.name);
  if (kept.length === 0) return;
  // Views first, then tables (taking their sequences, indexes, triggers), then routines, types, collations.
  const objects = await client.query<{ type: string; identity: string }>(
    `SELECT o.type, o.identity FROM (
       SELECT 'pg_catalog.pg_class'::pg_catalog.regclass AS cat, c.oid,
              CASE c.relkind WHEN 'v' THEN 1 WHEN 'm' THEN 1 WHEN 'f' THEN 2 WHEN 'p' THEN 2 WHEN 'r' THEN 3 ELSE 4 END AS ord
         FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname = ANY ($1) AND ${notInExtension("pg_class", "c.oid")}
       UNION ALL
       SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, 5
         FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
        WHERE p.prokind IN ('f', 'p', 'w', 'a') AND n.nspname = ANY ($1) AND ${notInExtension("pg_proc", "p.oid")} AND ${notImplicit("pg_proc", "p.oid")}
       UNION ALL
       SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, 6
         FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('e', 'd', 'c', 'r') AND n.nspname = ANY ($1) AND ${notInExtension("pg_type", "t.oid")}
          AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c')
       UNION ALL
       SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, co.oid, 7
         FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
        WHERE n.nspname = ANY ($1) AND ${notInExtension("pg_collation", "co.oid")}
     ) x CROSS JOIN LATERAL pg_catalog.pg_identify_object(x.cat, x.oid, 0) o
     ORDER BY x.ord, o.identity`,
    [kept],
  );
  for (const o of objects.rows) {
    const kw = objectKeyword(o.type);
    // Earlier CASCADEs may have taken this object already.
    if (kw) await client.query(`DROP ${kw} IF EXISTS ${o.identity} CASCADE`);
  }
}

/**
 * Chosen-tables replace: drop just these tables. CASCADE takes their indexes, triggers and owned sequences, and the
 * dependents captured to be recreated; refuseOutsideDrops has already refused anything else it would take.
 */
export async function dropTables(client: pg.Client, tables: TableRef[]): Promise<void> {
  for (const t of tables) await client.query(`DROP TABLE IF EXISTS ${qualify(t.schema ?? "public", t.name)} CASCADE`);
}
