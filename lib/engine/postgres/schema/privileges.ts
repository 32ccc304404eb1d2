// Captures comments, ownership and grants (applied last; ownership and grants only where the target has the roles).
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { notImplicit, notInExtension, USER_SCHEMA } from "../catalog";
import { quoteIdent, quoteLiteral } from "../quote";
import { grantKeyword, guarded, objectKeyword, type GuardedStatement } from "./ddl";

const COMMENTS_SQL = `
SELECT o.type, o.identity, d.description, rel.schema AS rel_schema, rel.name AS rel_name,
       CASE WHEN d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN
         (SELECT pg_catalog.quote_ident(co.conname) || ' ON ' ||
                 CASE WHEN co.contypid <> 0 THEN 'DOMAIN ' || co.contypid::pg_catalog.regtype::text ELSE co.conrelid::pg_catalog.regclass::text END
            FROM pg_catalog.pg_constraint co WHERE co.oid = d.objoid)
       END AS constraint_target
  FROM pg_catalog.pg_description d
 CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classoid, d.objoid, d.objsubid) o
 -- The table a comment hangs off, so a restore of chosen tables can bring their comments along.
 LEFT JOIN LATERAL (
   SELECT rn.nspname AS schema, rc.relname AS name
     FROM pg_catalog.pg_class rc JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
    WHERE rc.oid = CASE d.classoid
            WHEN 'pg_catalog.pg_class'::pg_catalog.regclass THEN
              COALESCE((SELECT i.indrelid FROM pg_catalog.pg_index i WHERE i.indexrelid = d.objoid), d.objoid)
            WHEN 'pg_catalog.pg_constraint'::pg_catalog.regclass THEN (SELECT conrelid FROM pg_catalog.pg_constraint WHERE oid = d.objoid)
            WHEN 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN (SELECT tgrelid FROM pg_catalog.pg_trigger WHERE oid = d.objoid)
            WHEN 'pg_catalog.pg_rewrite'::pg_catalog.regclass THEN (SELECT ev_class FROM pg_catalog.pg_rewrite WHERE oid = d.objoid)
            WHEN 'pg_catalog.pg_policy'::pg_catalog.regclass THEN (SELECT polrelid FROM pg_catalog.pg_policy WHERE oid = d.objoid)
          END
 ) rel ON true
 WHERE d.classoid IN ('pg_catalog.pg_class'::pg_catalog.regclass, 'pg_catalog.pg_proc'::pg_catalog.regclass,
                      'pg_catalog.pg_type'::pg_catalog.regclass, 'pg_catalog.pg_constraint'::pg_catalog.regclass,
                      'pg_catalog.pg_trigger'::pg_catalog.regclass, 'pg_catalog.pg_namespace'::pg_catalog.regclass,
                      'pg_catalog.pg_rewrite'::pg_catalog.regclass, 'pg_catalog.pg_policy'::pg_catalog.regclass,
                      'pg_catalog.pg_collation'::pg_catalog.regclass)
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid AND e.deptype = 'e')
   AND (o.schema IS NULL OR (o.schema NOT IN ('pg_catalog', 'information_schema') AND o.schema !~ '^pg_'))
   AND (o.type <> 'schema' OR (o.identity NOT IN ('pg_catalog', 'information_schema') AND o.identity !~ '^pg_'))
 ORDER BY o.type, o.identity`;

export async function captureComments(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{
    type: string; identity: string; description: string; constraint_target: string | null; rel_schema: string | null; rel_name: string | null;
  }>(COMMENTS_SQL);
  const out: SchemaObject[] = [];
  for (const r of rows) {
    const kw = r.constraint_target ? "CONSTRAINT" : objectKeyword(r.type);
    if (!kw) continue;
    const target = r.constraint_target ?? r.identity;
    out.push({
      kind: "comment",
      schema: r.rel_schema,
      name: `${r.type} ${r.identity}`,
      ...(r.rel_name ? { table: r.rel_name } : {}),
      phase: "post-data",
      ddl: `COMMENT ON ${kw} ${target} IS ${quoteLiteral(r.description)};`,
    });
  }
  return out;
}

/** Every user object with an owner and ACL: relations, routines, types, schemas, collations. */
const OBJECTS_SQL = `
SELECT o.type, o.identity, x.owner, x.acl, x.owned_sequence, x.rel_schema, x.rel_name,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                 'grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
                 'priv', a.privilege_type, 'grantable', a.is_grantable))
          FROM pg_catalog.aclexplode(x.acl) a) AS grants
  FROM (
    SELECT 'pg_catalog.pg_class'::pg_catalog.regclass AS cat, c.oid, pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.relacl AS acl,
           EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid
                      AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype IN ('a', 'i')) AS owned_sequence,
           n.nspname::text AS rel_schema, CASE WHEN c.relkind IN ('r', 'p') THEN c.relname::text END AS rel_name
      FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relpersistence <> 't' AND ${USER_SCHEMA} AND ${notInExtension("pg_class", "c.oid")}
    UNION ALL
    SELECT 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid, pg_catalog.pg_get_userbyid(p.proowner), p.proacl, false, NULL, NULL
      FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     WHERE p.prokind IN ('f', 'p', 'w', 'a') AND ${USER_SCHEMA} AND ${notInExtension("pg_proc", "p.oid")} AND ${notImplicit("pg_proc", "p.oid")}
    UNION ALL
    SELECT 'pg_catalog.pg_type'::pg_catalog.regclass, t.oid, pg_catalog.pg_get_userbyid(t.typowner), t.typacl, false, NULL, NULL
      FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd', 'c', 'r') AND ${USER_SCHEMA} AND ${notInExtension("pg_type", "t.oid")}
       AND (t.typtype <> 'c' OR (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c')
    UNION ALL
    SELECT 'pg_catalog.pg_namespace'::pg_catalog.regclass, n.oid, pg_catalog.pg_get_userbyid(n.nspowner), n.nspacl, false, NULL, NULL
      FROM pg_catalog.pg_namespace n WHERE ${USER_SCHEMA} AND ${notInExtension("pg_namespace", "n.oid")}
    UNION ALL
    SELECT 'pg_catalog.pg_collation'::pg_catalog.regclass, co.oid, pg_catalog.pg_get_userbyid(co.collowner), NULL, false, NULL, NULL
      FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace
     WHERE ${USER_SCHEMA} AND ${notInExtension("pg_collation", "co.oid")}
  ) x
 CROSS JOIN LATERAL pg_catalog.pg_identify_object(x.cat, x.oid, 0) o
 ORDER BY o.type, o.identity`;

const COLUMN_ACL_SQL = `
SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) AS tbl, a.attname AS col,
       n.nspname AS rel_schema, c.relname AS rel_name,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                 'grantee', CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(x.grantee) END,
                 'priv', x.privilege_type, 'grantable', x.is_grantable))
          FROM pg_catalog.aclexplode(a.attacl) x) AS grants
  FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_SCHEMA} AND ${notInExtension("pg_class", "c.oid")}
 ORDER BY 1, a.attnum`;

interface Grant {
  grantee: string;
  priv: string;
  grantable: boolean;
}

function role(name: string): string {
  return name === "PUBLIC" ? "PUBLIC" : quoteIdent(name);
}

/** GRANT statements, one per grantee and grant option, in ACL order. */
function grantStatements(on: string, grants: Grant[], column?: string): GuardedStatement[] {
  const groups = new Map<string, { grantee: string; grantable: boolean; privs: string[] }>();
  for (const g of grants) {
    const k = `${g.grantee}\u0000${g.grantable}`;
    if (!groups.has(k)) groups.set(k, { grantee: g.grantee, grantable: g.grantable, privs: [] });
    groups.get(k)!.privs.push(column ? `${g.priv} (${quoteIdent(column)})` : g.priv);
  }
  return [...groups.values()].map((g) => ({
    sql: `GRANT ${g.privs.join(", ")} ON ${on} TO ${role(g.grantee)}${g.grantable ? " WITH GRANT OPTION" : ""}`,
    roles: [g.grantee],
  }));
}

export async function captureOwnershipAndGrants(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{
    type: string; identity: string; owner: string; acl: string[] | null; owned_sequence: boolean; grants: Grant[] | null;
    rel_schema: string | null; rel_name: string | null;
  }>(OBJECTS_SQL);
  const out: SchemaObject[] = [];
  for (const r of rows) {
    const kw = objectKeyword(r.type);
    // A serial or identity sequence follows its table's owner; ALTER TABLE … OWNER moves it along.
    if (kw && !r.owned_sequence) {
      out.push({
        kind: "owner",
        schema: r.rel_schema,
        name: `${r.type} ${r.identity}`,
        ...(r.rel_name ? { table: r.rel_name } : {}),
        phase: "post-data",
        ddl: guarded([{ sql: `ALTER ${kw} ${r.identity} OWNER TO ${role(r.owner)}`, roles: [r.owner] }]),
      });
    }
    const gkw = grantKeyword(r.type);
    if (r.acl === null || !gkw) continue;
    const on = `${gkw} ${r.identity}`;
    // An explicit ACL replaces the default one, so start from nothing and grant exactly what was there.
    const stmts: GuardedStatement[] = [
      { sql: `REVOKE ALL ON ${on} FROM PUBLIC`, roles: [] },
      { sql: `REVOKE ALL ON ${on} FROM ${role(r.owner)}`, roles: [r.owner] },
      ...grantStatements(on, r.grants ?? []),
    ];
    const rel = r.rel_name ? { table: r.rel_name } : {};
    out.push({ kind: "grant", schema: r.rel_schema, name: `${r.type} ${r.identity}`, ...rel, phase: "post-data", ddl: guarded(stmts) });
  }
  const cols = await client.query<{ tbl: string; col: string; grants: Grant[] | null; rel_schema: string; rel_name: string }>(COLUMN_ACL_SQL);
  for (const c of cols.rows) {
    const stmts = grantStatements(`TABLE ${c.tbl}`, c.grants ?? [], c.col);
    if (stmts.length) {
      out.push({ kind: "grant", schema: c.rel_schema, name: `column ${c.tbl}.${c.col}`, table: c.rel_name, phase: "post-data", ddl: guarded(stmts) });
    }
  }
  return out;
}
