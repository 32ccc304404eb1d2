// Captures user-defined aggregates (CREATE AGGREGATE), which pg_get_functiondef cannot render.
import type pg from "pg";
import type { SchemaObject } from "../../types";
import { notInExtension, USER_SCHEMA } from "../catalog";
import { qualify, quoteLiteral } from "../quote";

const AGGREGATES_SQL = `
SELECT n.nspname AS schema, p.proname AS name, a.aggkind AS kind,
       pg_catalog.pg_get_function_arguments(p.oid) AS args,
       a.aggtransfn::pg_catalog.regproc::text AS sfunc, pg_catalog.format_type(a.aggtranstype, NULL) AS stype,
       NULLIF(a.aggtransspace, 0) AS sspace,
       NULLIF(a.aggfinalfn, 0)::pg_catalog.regproc::text AS finalfunc, a.aggfinalextra AS finalextra, a.aggfinalmodify AS finalmodify,
       NULLIF(a.aggcombinefn, 0)::pg_catalog.regproc::text AS combinefunc,
       NULLIF(a.aggserialfn, 0)::pg_catalog.regproc::text AS serialfunc,
       NULLIF(a.aggdeserialfn, 0)::pg_catalog.regproc::text AS deserialfunc,
       a.agginitval AS initcond,
       NULLIF(a.aggmtransfn, 0)::pg_catalog.regproc::text AS msfunc,
       NULLIF(a.aggminvtransfn, 0)::pg_catalog.regproc::text AS minvfunc,
       CASE WHEN a.aggmtranstype <> 0 THEN pg_catalog.format_type(a.aggmtranstype, NULL) END AS mstype,
       NULLIF(a.aggmtransspace, 0) AS msspace,
       NULLIF(a.aggmfinalfn, 0)::pg_catalog.regproc::text AS mfinalfunc, a.aggmfinalextra AS mfinalextra, a.aggmfinalmodify AS mfinalmodify,
       a.aggminitval AS minitcond,
       CASE WHEN a.aggsortop <> 0 THEN a.aggsortop::pg_catalog.regoperator::text END AS sortop,
       p.proparallel AS parallel
  FROM pg_catalog.pg_aggregate a
  JOIN pg_catalog.pg_proc p ON p.oid = a.aggfnoid
  JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE ${USER_SCHEMA} AND ${notInExtension("pg_proc", "p.oid")}
 ORDER BY 1, 2`;

const MODIFY: Record<string, string> = { r: "READ_ONLY", s: "SHAREABLE", w: "READ_WRITE" };
const PARALLEL: Record<string, string> = { s: "SAFE", r: "RESTRICTED", u: "UNSAFE" };

type Row = Record<string, string | number | boolean | null>;

function options(a: Row): string[] {
  const o: string[] = [`SFUNC = ${a.sfunc}`, `STYPE = ${a.stype}`];
  if (a.sspace) o.push(`SSPACE = ${a.sspace}`);
  if (a.finalfunc) {
    o.push(`FINALFUNC = ${a.finalfunc}`);
    if (a.finalextra) o.push("FINALFUNC_EXTRA");
    const defaultModify = a.kind === "n" ? "r" : "w";
    if (a.finalmodify !== defaultModify) o.push(`FINALFUNC_MODIFY = ${MODIFY[String(a.finalmodify)]}`);
  }
  if (a.combinefunc) o.push(`COMBINEFUNC = ${a.combinefunc}`);
  if (a.serialfunc) o.push(`SERIALFUNC = ${a.serialfunc}`);
  if (a.deserialfunc) o.push(`DESERIALFUNC = ${a.deserialfunc}`);
  if (a.initcond !== null) o.push(`INITCOND = ${quoteLiteral(String(a.initcond))}`);
  if (a.msfunc) {
    o.push(`MSFUNC = ${a.msfunc}`, `MINVFUNC = ${a.minvfunc}`, `MSTYPE = ${a.mstype}`);
    if (a.msspace) o.push(`MSSPACE = ${a.msspace}`);
    if (a.mfinalfunc) {
      o.push(`MFINALFUNC = ${a.mfinalfunc}`);
      if (a.mfinalextra) o.push("MFINALFUNC_EXTRA");
      if (a.mfinalmodify !== "r") o.push(`MFINALFUNC_MODIFY = ${MODIFY[String(a.mfinalmodify)]}`);
    }
    if (a.minitcond !== null) o.push(`MINITCOND = ${quoteLiteral(String(a.minitcond))}`);
  }
  if (a.sortop) o.push(`SORTOP = ${String(a.sortop).replace(/\(.*$/, "")}`);
  if (a.kind === "h") o.push("HYPOTHETICAL");
  if (a.parallel !== "u") o.push(`PARALLEL = ${PARALLEL[String(a.parallel)]}`);
  return o;
}

export async function captureAggregates(client: pg.Client): Promise<SchemaObject[]> {
  const { rows } = await client.query<Row>(AGGREGATES_SQL);
  return rows.map((a) => ({
    kind: "aggregate",
    schema: String(a.schema),
    name: String(a.name),
    phase: "pre-data",
    // pg_get_function_arguments already renders ordered-set aggregates as "args ORDER BY args".
    ddl: `CREATE AGGREGATE ${qualify(String(a.schema), String(a.name))}(${a.args || "*"}) (\n    ${options(a).join(",\n    ")}\n);`,
  }));
}
