// Captures the small catalogs pg_dump also restores: default privileges, extended statistics, and the database's own settings, owner, comment and grants.
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { notInExtension, USER_SCHEMA } from "../catalog";
import { qualify, quoteIdent, quoteLiteral } from "../quote";
import { guarded, type GuardedStatement } from "./ddl";

const OBJTYPE: Record<string, string> = { r: "TABLES", S: "SEQUENCES", f: "FUNCTIONS", T: "TYPES", n: "SCHEMAS" };

export async function captureDefaultPrivileges(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{
    owner: string; schema: string | null; objtype: string; grants: { grantee: string; priv: string; grantable: boolean }[] | null;
  }>(
    `SELECT pg_catalog.pg_get_userbyid(d.defaclrole) AS owner, n.nspname AS schema, d.defaclobjtype AS objtype,
            (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                      'grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
                      'priv', a.privilege_type, 'grantable', a.is_grantable))
               FROM pg_catalog.aclexplode(d.defaclacl) a) AS grants
       FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
      ORDER BY 1, 2 NULLS FIRST, 3`,
  );
  const out: SchemaObject[] = [];
  for (const r of rows) {
    const what = OBJTYPE[r.objtype];
    if (!what) continue;
    const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(r.owner)}${r.schema ? ` IN SCHEMA ${quoteIdent(r.schema)}` : ""}`;
    const stmts: GuardedStatement[] = [];
    // Global defaults replace the built-in ones; per-schema defaults only ever add to them.
    if (!r.schema) {
      stmts.push({ sql: `${prefix} REVOKE ALL ON ${what} FROM PUBLIC`, roles: [r.owner] });
      stmts.push({ sql: `${prefix} REVOKE ALL ON ${what} FROM ${quoteIdent(r.owner)}`, roles: [r.owner] });
    }
    const groups = new Map<string, { grantee: string; grantable: boolean; privs: string[] }>();
    for (const g of r.grants ?? []) {
      const k = `${g.grantee}\u0000${g.grantable}`;
      if (!groups.has(k)) groups.set(k, { grantee: g.grantee, grantable: g.grantable, privs: [] });
      groups.get(k)!.privs.push(g.priv);
    }
    for (const g of groups.values()) {
      const to = g.grantee === "PUBLIC" ? "PUBLIC" : quoteIdent(g.grantee);
      stmts.push({ sql: `${prefix} GRANT ${g.privs.join(", ")} ON ${what} TO ${to}${g.grantable ? " WITH GRANT OPTION" : ""}`, roles: [r.owner, g.grantee] });
    }
    out.push({ kind: "default privileges", schema: r.schema, name: `${r.owner} ${what}`, phase: "post-data", ddl: guarded(stmts) });
  }
  return out;
}

export async function captureStatistics(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{ schema: string; name: string; tbl: string; def: string; target: number | null }>(
    `SELECT n.nspname AS schema, s.stxname AS name, c.relname AS tbl, pg_catalog.pg_get_statisticsobjdef(s.oid) AS def,
            NULLIF(s.stxstattarget, -1)::int AS target
       FROM pg_catalog.pg_statistic_ext s
       JOIN pg_catalog.pg_namespace n ON n.oid = s.stxnamespace
       JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid
      WHERE ${USER_SCHEMA} AND ${notInExtension("pg_statistic_ext", "s.oid")}
      ORDER BY 1, 2`,
  );
  return rows.map((s) => {
    let ddl = `${s.def};`;
    if (s.target !== null) ddl += `\nALTER STATISTICS ${qualify(s.schema, s.name)} SET STATISTICS ${s.target};`;
    return { kind: "statistics", schema: s.schema, name: s.name, table: s.tbl, phase: "post-data", ddl };
  });
}

/**
 * ALTER DATABASE … SET (and per-role settings in this database), applied to whichever database the
 * restore writes: the value is set in the session first and stored FROM CURRENT, so list settings such as
 * search_path keep their exact meaning without re-quoting.
 */
export async function captureDatabaseSettings(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{ role: string | null; config: string[] }>(
    `SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE pg_catalog.pg_get_userbyid(s.setrole) END AS role, s.setconfig AS config
       FROM pg_catalog.pg_db_role_setting s JOIN pg_catalog.pg_database d ON d.oid = s.setdatabase
      WHERE d.datname = pg_catalog.current_database() ORDER BY 1 NULLS FIRST`,
  );
  const out: SchemaObject[] = [];
  for (const r of rows) {
    for (const item of r.config ?? []) {
      const eq = item.indexOf("=");
      const name = item.slice(0, eq);
      const value = item.slice(eq + 1);
      const alter = r.role
        ? `format('ALTER ROLE %I IN DATABASE %I SET %s FROM CURRENT', ${quoteLiteral(r.role)}, pg_catalog.current_database(), ${quoteLiteral(quoteIdent(name))})`
        : `format('ALTER DATABASE %I SET %s FROM CURRENT', pg_catalog.current_database(), ${quoteLiteral(quoteIdent(name))})`;
      // Put the restore session's own value back: later statements must not run under e.g. a statement_timeout.
      const body =
        `old := pg_catalog.current_setting(${quoteLiteral(name)}, true); ` +
        `PERFORM pg_catalog.set_config(${quoteLiteral(name)}, ${quoteLiteral(value)}, true); EXECUTE ${alter}; ` +
        `IF old IS NOT NULL THEN PERFORM pg_catalog.set_config(${quoteLiteral(name)}, old, true); END IF;`;
      const guard = r.role ? `IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(r.role)}) THEN ${body} END IF;` : body;
      out.push({
        kind: "database setting",
        schema: null,
        name: r.role ? `${r.role} ${name}` : name,
        phase: "post-data",
        ddl: `DO $tidemark$\nDECLARE old text;\nBEGIN\n  ${guard}\nEXCEPTION WHEN insufficient_privilege THEN\n  RAISE NOTICE 'tidemark: skipped database setting: %', SQLERRM;\nEND\n$tidemark$;`,
      });
    }
  }
  return out;
}

/** Owner, comment and grants of the database itself, applied to whichever database the restore writes. */
export async function captureDatabaseObject(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<{
    owner: string; comment: string | null; acl: string[] | null; grants: { grantee: string; priv: string; grantable: boolean }[] | null;
  }>(
    `SELECT pg_catalog.pg_get_userbyid(d.datdba) AS owner, pg_catalog.shobj_description(d.oid, 'pg_database') AS comment, d.datacl AS acl,
            (SELECT pg_catalog.json_agg(pg_catalog.json_build_object(
                      'grantee', CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee) END,
                      'priv', a.privilege_type, 'grantable', a.is_grantable))
               FROM pg_catalog.aclexplode(d.datacl) a) AS grants
       FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()`,
  );
  const d = rows[0];
  // Each statement names the database through format('%I', current_database()).
  const onDb = (sql: string) => `EXECUTE pg_catalog.format(${quoteLiteral(sql)}, pg_catalog.current_database());`;
  const step = (sql: string, roles: string[]) => {
    const run = `BEGIN ${onDb(sql)} EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE 'tidemark: skipped: %', SQLERRM; END;`;
    const needed = roles.filter((r) => r !== "PUBLIC");
    if (!needed.length) return `  ${run}`;
    const cond = needed.map((r) => `EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(r)})`).join(" AND ");
    return `  IF ${cond} THEN ${run} END IF;`;
  };
  const lit = (s: string) => s.replaceAll("%", "%%");
  const who = (r: string) => (r === "PUBLIC" ? "PUBLIC" : lit(quoteIdent(r)));
  const steps = [step(`ALTER DATABASE %I OWNER TO ${who(d.owner)}`, [d.owner])];
  if (d.comment !== null) steps.push(step(`COMMENT ON DATABASE %I IS ${lit(quoteLiteral(d.comment))}`, []));
  if (d.acl !== null) {
    steps.push(step("REVOKE ALL ON DATABASE %I FROM PUBLIC", []), step(`REVOKE ALL ON DATABASE %I FROM ${who(d.owner)}`, [d.owner]));
    for (const g of d.grants ?? []) {
      steps.push(step(`GRANT ${g.priv} ON DATABASE %I TO ${who(g.grantee)}${g.grantable ? " WITH GRANT OPTION" : ""}`, [g.grantee]));
    }
  }
  return [{ kind: "database", schema: null, name: "database", phase: "post-data", ddl: `DO $tidemark$\nBEGIN\n${steps.join("\n")}\nEND\n$tidemark$;` }];
}
