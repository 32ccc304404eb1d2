// The only place a PgBoss is built: the job queue lives in the metadata database, schema "pgboss".
import { PgBoss } from "pg-boss";

export function createBoss(connectionString: string): PgBoss {
  return new PgBoss({ connectionString, schema: "pgboss", application_name: "tidemark" });
}
