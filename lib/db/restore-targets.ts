// Where a backup can be restored: the registered sources of the same engine, each with the database it points at.
// Only names leave this module; connection settings stay encrypted (the worker decrypts them to restore).
import { sourceOf } from "../engine/connect";
import { decryptJson } from "../secrets";
import { db } from "./client";
import type { Engine } from "./generated/client";

export interface RestoreTargetSource {
  id: string;
  name: string;
  engine: Engine;
  displayTarget: string;
  /** The database name (PostgreSQL, MySQL) or file path (SQLite) the source points at. */
  database: string;
}

function databaseOf(connectionEnc: string): string {
  try {
    return sourceOf(decryptJson<{ url: string }>(connectionEnc).url).database;
  } catch {
    return "";
  }
}

/** Sources with the given engine, by name. */
export async function restoreTargetSources(engine: Engine): Promise<RestoreTargetSource[]> {
  const rows = await db().dataSource.findMany({
    where: { engine },
    orderBy: { name: "asc" },
    select: { id: true, name: true, engine: true, displayTarget: true, connectionEnc: true },
  });
  return rows.map(({ connectionEnc, ...r }) => ({ ...r, database: databaseOf(connectionEnc) }));
}

export async function restoreTargetSource(id: string): Promise<RestoreTargetSource | null> {
  const row = await db().dataSource.findUnique({ where: { id }, select: { id: true, name: true, engine: true, displayTarget: true, connectionEnc: true } });
  if (!row) return null;
  const { connectionEnc, ...r } = row;
  return { ...r, database: databaseOf(connectionEnc) };
}
