// Small builders shared by the schema capture modules: statement kinds, and role-guarded statements.
import { quoteLiteral } from "../quote";

/** ALTER/COMMENT/GRANT keyword for an object type as pg_identify_object() names it. */
export function objectKeyword(type: string): string | null {
  switch (type) {
    case "table":
    case "view":
    case "materialized view":
    case "sequence":
    case "index":
    case "function":
    case "procedure":
    case "type":
    case "domain":
    case "schema":
    case "collation":
    case "trigger":
    case "rule":
    case "policy":
    case "foreign table":
      return type.toUpperCase();
    case "composite type":
      return "TYPE";
    case "aggregate":
      return "AGGREGATE";
    default:
      return type.endsWith(" column") ? "COLUMN" : null;
  }
}

/** GRANT … ON <kw>: views and materialized views are granted as tables. */
export function grantKeyword(type: string): string | null {
  if (["table", "view", "materialized view", "foreign table"].includes(type)) return "TABLE";
  if (type === "composite type") return "TYPE";
  if (type === "aggregate") return "FUNCTION";
  if (["sequence", "function", "procedure", "type", "domain", "schema"].includes(type)) return type.toUpperCase();
  return null;
}

export interface GuardedStatement {
  sql: string;
  /** Roles the statement names: it runs only where all of them exist on the target. */
  roles: string[];
}

/**
 * One DO block that runs each statement only when its roles exist on the target, and turns a lack of
 * rights (restoring as a non-superuser) into a notice: ownership and grants are applied where possible,
 * never fatal to a restore.
 */
export function guarded(statements: GuardedStatement[]): string {
  const body = statements
    .map(({ sql, roles }) => {
      const run = `BEGIN EXECUTE ${quoteLiteral(sql)}; EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE 'tidemark: skipped: %', SQLERRM; END;`;
      const needed = roles.filter((r) => r !== "PUBLIC");
      if (needed.length === 0) return `  ${run}`;
      const cond = needed.map((r) => `EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(r)})`).join(" AND ");
      return `  IF ${cond} THEN ${run} END IF;`;
    })
    .join("\n");
  return `DO $tidemark$\nBEGIN\n${body}\nEND\n$tidemark$;`;
}
