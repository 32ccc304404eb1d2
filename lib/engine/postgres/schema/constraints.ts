// Captures what is built after the data: keys, indexes (partial, expression, partitioned), foreign keys,
// NOT VALID checks, triggers, rules and row-level security policies.
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { USER_RELATION } from "../catalog";
import { qualify, quoteIdent } from "../quote";
import type { GuardedStatement } from "./ddl";

const PARENT_INDEX = (oidExpr: string) => `
(SELECT pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(pc.relname)
   FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class pc ON pc.oid = h.inhparent
   JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = ${oidExpr})`;

const CONSTRAINTS_SQL = `
SELECT n.nspname AS schema, c.relname AS tbl, c.relkind, co.conname AS name, co.contype, co.convalidated,
       co.conislocal, co.conparentid <> 0 AS inherited_fk, pg_catalog.pg_get_constraintdef(co.oid) AS def,
       ic.relname AS index_name, ${PARENT_INDEX("co.conindid")} AS parent_index
  FROM pg_catalog.pg_constraint co
  JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_class ic ON ic.oid = co.conindid
 WHERE c.relkind IN ('r', 'p') AND ${USER_RELATION}
   AND (co.contype IN ('p', 'u', 'x', 'f') OR (co.contype = 'c' AND NOT co.convalidated))
 ORDER BY n.nspname, c.relname, co.conname`;

const INDEXES_SQL = `
SELECT n.nspname AS schema, c.relname AS tbl, ic.relname AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS def,
       i.indisclustered, i.indisreplident, ${PARENT_INDEX("i.indexrelid")} AS parent_index
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'm') AND ${USER_RELATION}
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co WHERE co.conindid = i.indexrelid AND co.conrelid = i.indrelid AND co.contype IN ('p', 'u', 'x'))
 ORDER BY n.nspname, c.relname, ic.relname`;

interface ConstraintRow {
  schema: string;
  tbl: string;
  relkind: string;
  name: string;
  contype: string;
  convalidated: boolean;
  conislocal: boolean;
  inherited_fk: boolean;
  def: string;
  index_name: string | null;
  parent_index: string | null;
}

interface IndexRow {
  schema: string;
  tbl: string;
  name: string;
  def: string;
  indisclustered: boolean;
  indisreplident: boolean;
  parent_index: string | null;
}

export interface CapturedConstraints {
  /** Primary keys, unique and exclusion constraints and plain indexes: independent per table, so buildable in parallel. */
  indexes: SchemaObject[];
  /** ATTACH of partition indexes to their parent's, CLUSTER ON, REPLICA IDENTITY USING INDEX. */
  indexLinks: SchemaObject[];
  /** Foreign keys and NOT VALID checks, once every key they reference exists. */
  references: SchemaObject[];
}

export async function captureConstraints(client: pg.Client): Promise<CapturedConstraints> {
  const cons = (await client.query<ConstraintRow>(CONSTRAINTS_SQL)).rows;
  const idx = (await client.query<IndexRow>(INDEXES_SQL)).rows;
  const out: CapturedConstraints = { indexes: [], indexLinks: [], references: [] };
  for (const c of cons) {
    const table = qualify(c.schema, c.tbl);
    const only = c.relkind === "r" ? "ONLY " : "";
    const base = { schema: c.schema, name: c.name, table: c.tbl, phase: "post-data" as const };
    if (["p", "u", "x"].includes(c.contype)) {
      out.indexes.push({ ...base, kind: "constraint", ddl: `ALTER TABLE ONLY ${table} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.def};` });
      if (c.parent_index && c.index_name) {
        out.indexLinks.push({
          ...base,
          kind: "index attach",
          ddl: `ALTER INDEX ${c.parent_index} ATTACH PARTITION ${qualify(c.schema, c.index_name)};`,
        });
      }
    } else if (c.contype === "f" && !c.inherited_fk) {
      out.references.push({ ...base, kind: "foreign key", ddl: `ALTER TABLE ${only}${table} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.def};` });
    } else if (c.contype === "c" && c.conislocal) {
      out.references.push({ ...base, kind: "check", ddl: `ALTER TABLE ${only}${table} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.def};` });
    }
  }
  for (const i of idx) {
    const base = { schema: i.schema, name: i.name, table: i.tbl, phase: "post-data" as const };
    out.indexes.push({ ...base, kind: "index", ddl: `${i.def};` });
    if (i.parent_index) {
      out.indexLinks.push({ ...base, kind: "index attach", ddl: `ALTER INDEX ${i.parent_index} ATTACH PARTITION ${qualify(i.schema, i.name)};` });
    }
  }
  const flags = await client.query<{ schema: string; tbl: string; name: string; indisclustered: boolean; indisreplident: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS tbl, ic.relname AS name, i.indisclustered, i.indisreplident
       FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE (i.indisclustered OR i.indisreplident) AND ${USER_RELATION}`,
  );
  for (const f of flags.rows) {
    const table = qualify(f.schema, f.tbl);
    const base = { schema: f.schema, name: f.name, table: f.tbl, phase: "post-data" as const };
    if (f.indisclustered) out.indexLinks.push({ ...base, kind: "cluster", ddl: `ALTER TABLE ${table} CLUSTER ON ${quoteIdent(f.name)};` });
    if (f.indisreplident) {
      out.indexLinks.push({ ...base, kind: "replica identity", ddl: `ALTER TABLE ONLY ${table} REPLICA IDENTITY USING INDEX ${quoteIdent(f.name)};` });
    }
  }
  return out;
}

const TRIGGERS_SQL = (v: number) => `
SELECT n.nspname AS schema, c.relname AS tbl, t.tgname AS name, pg_catalog.pg_get_triggerdef(t.oid, false) AS def, t.tgenabled
  FROM pg_catalog.pg_trigger t
  JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT t.tgisinternal ${v >= 130000 ? "AND t.tgparentid = 0" : ""} AND ${USER_RELATION}
 ORDER BY n.nspname, c.relname, t.tgname`;

const ENABLE: Record<string, string> = { D: "DISABLE TRIGGER", R: "ENABLE REPLICA TRIGGER", A: "ENABLE ALWAYS TRIGGER" };

export async function captureTriggers(client: pg.Client, version: number): Promise<SchemaObject[]> {
  const { rows } = await client.query<{ schema: string; tbl: string; name: string; def: string; tgenabled: string }>(TRIGGERS_SQL(version));
  return rows.map((t) => {
    let ddl = `${t.def};`;
    if (ENABLE[t.tgenabled]) ddl += `\nALTER TABLE ${qualify(t.schema, t.tbl)} ${ENABLE[t.tgenabled]} ${quoteIdent(t.name)};`;
    return { kind: "trigger", schema: t.schema, name: t.name, table: t.tbl, phase: "post-data", ddl };
  });
}

export async function captureRules(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{ schema: string; tbl: string; name: string; def: string }>(
    `SELECT n.nspname AS schema, c.relname AS tbl, r.rulename AS name, pg_catalog.pg_get_ruledef(r.oid) AS def
       FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE r.rulename <> '_RETURN' AND ${USER_RELATION}
      ORDER BY 1, 2, 3`,
  );
  return rows.map((r) => ({ kind: "rule", schema: r.schema, name: r.name, table: r.tbl, phase: "post-data", ddl: r.def.trim() }));
}

const CMD: Record<string, string> = { "*": "ALL", r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE" };

/** Row-level security policies; a policy naming a role the target lacks is skipped. */
export async function capturePolicies(client: pg.Client): Promise<{ obj: Omit<SchemaObject, "ddl">; stmt: GuardedStatement }[]> {
  const { rows } = await client.query<{
    schema: string; tbl: string; name: string; permissive: boolean; cmd: string; roles: string[] | null; qual: string | null; check: string | null;
  }>(
    `SELECT n.nspname AS schema, c.relname AS tbl, p.polname AS name, p.polpermissive AS permissive, p.polcmd AS cmd,
            (SELECT pg_catalog.array_agg(r.rolname::text ORDER BY r.rolname) FROM pg_catalog.pg_roles r WHERE r.oid = ANY (p.polroles)) AS roles,
            pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS qual, pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS check
       FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_RELATION} ORDER BY 1, 2, 3`,
  );
  return rows.map((p) => {
    const roles = p.roles ?? [];
    let sql = `CREATE POLICY ${quoteIdent(p.name)} ON ${qualify(p.schema, p.tbl)} AS ${p.permissive ? "PERMISSIVE" : "RESTRICTIVE"} FOR ${CMD[p.cmd] ?? "ALL"}`;
    sql += ` TO ${roles.length ? roles.map(quoteIdent).join(", ") : "PUBLIC"}`;
    if (p.qual) sql += ` USING (${p.qual})`;
    if (p.check) sql += ` WITH CHECK (${p.check})`;
    return { obj: { kind: "policy", schema: p.schema, name: p.name, table: p.tbl, phase: "post-data" }, stmt: { sql, roles } };
  });
}
