// SQL fragments shared by every catalog query: which objects are the user's (not system, not owned by an extension).

/** Schemas Tidemark never backs up. `n` must alias pg_namespace. */
export const USER_SCHEMA = `n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'`;

/** The object is not a member of an extension (extensions recreate their own objects). */
export function notInExtension(catalog: string, oidExpr: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = '${catalog}'::pg_catalog.regclass AND dep.objid = ${oidExpr} AND dep.deptype = 'e')`;
}

export const USER_RELATION = `${USER_SCHEMA} AND ${notInExtension("pg_class", "c.oid")}`;

/** Not created implicitly with another object (e.g. a range type's constructor functions). */
export function notImplicit(catalog: string, oidExpr: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep WHERE dep.classid = '${catalog}'::pg_catalog.regclass AND dep.objid = ${oidExpr} AND dep.deptype = 'i')`;
}
