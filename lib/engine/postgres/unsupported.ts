// Names what the database holds that Tidemark's PostgreSQL connector does not back up, so a DBA is told
// up front (by test() and in every snapshot) instead of finding out at restore time.
import type pg from "pg";
import { notInExtension, USER_SCHEMA } from "./catalog";

const CHECKS: { what: string; sql: string }[] = [
  { what: "Large objects are not backed up", sql: "SELECT count(*) FROM pg_catalog.pg_largeobject_metadata" },
  {
    what: "Foreign tables and their servers are not backed up",
    sql: `SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
           WHERE c.relkind = 'f' AND ${USER_SCHEMA} AND ${notInExtension("pg_class", "c.oid")}`,
  },
  { what: "Event triggers are not backed up", sql: `SELECT count(*) FROM pg_catalog.pg_event_trigger e WHERE ${notInExtension("pg_event_trigger", "e.oid")}` },
  { what: "Publications are not backed up", sql: "SELECT count(*) FROM pg_catalog.pg_publication" },
  {
    what: "User-defined operators, operator classes, casts and text search configurations are not backed up",
    sql: `SELECT (SELECT count(*) FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace
                   WHERE ${USER_SCHEMA} AND ${notInExtension("pg_operator", "o.oid")})
              + (SELECT count(*) FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace
                   WHERE ${USER_SCHEMA} AND ${notInExtension("pg_opclass", "o.oid")})
              + (SELECT count(*) FROM pg_catalog.pg_cast c WHERE c.oid >= 16384 AND ${notInExtension("pg_cast", "c.oid")})
              + (SELECT count(*) FROM pg_catalog.pg_ts_config t JOIN pg_catalog.pg_namespace n ON n.oid = t.cfgnamespace
                   WHERE ${USER_SCHEMA} AND ${notInExtension("pg_ts_config", "t.oid")})`,
  },
];

export async function unsupportedObjects(client: pg.Client): Promise<string[]> {
  const out: string[] = [];
  for (const c of CHECKS) {
    const n = Number((await client.query<{ count: string }>(`SELECT (${c.sql}) AS count`)).rows[0].count);
    if (n > 0) out.push(`${c.what} (${n} found)`);
  }
  return out;
}
