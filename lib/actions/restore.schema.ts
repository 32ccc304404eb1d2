// Inputs of the restore action, and the database naming rules the wizard and the server both apply.
import { z } from "zod";
import { MAX_DATABASE_NAME, MAX_IDENT, MAX_RESTORE_TABLES, MAX_TABLE_KEY } from "../backup/restore-limits";

export type EngineName = "POSTGRES" | "MYSQL" | "SQLITE";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function stamp(at: Date): string {
  const iso = at.toISOString(); // 2026-11-21T16:05:00.000Z
  return `${iso.slice(0, 10).replaceAll("-", "")}_${iso.slice(11, 16).replace(":", "")}`;
}

/** `<db>_restored_<yyyymmdd_hhmm>` (UTC time of the restore point); for SQLite a file beside the original. */
export function suggestRestoreName(engine: EngineName, database: string, at: Date): string {
  const suffix = `_restored_${stamp(at)}`;
  if (engine === "SQLITE") {
    const slash = database.lastIndexOf("/");
    const dir = slash >= 0 ? database.slice(0, slash + 1) : "";
    const base = (slash >= 0 ? database.slice(slash + 1) : database).replace(/\.(db|sqlite3?|db3)$/i, "");
    return `${dir}${base}${suffix}.db`;
  }
  const clean = database.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(?=[0-9])/, "_") || "db";
  return `${clean.slice(0, MAX_IDENT[engine] - suffix.length)}${suffix}`;
}

/** Why `name` cannot be a new database, or null when it can. */
export function newDatabaseProblem(engine: EngineName, name: string): string | null {
  if (!name) return "Name the new database.";
  if (engine === "SQLITE") {
    if (!name.startsWith("/")) return "Give the full path of the new SQLite file, starting with /.";
    if (name.split("/").includes("..")) return "The path may not contain “..”.";
    if (name.endsWith("/")) return "The path must end with a file name.";
    return null;
  }
  if (!IDENT.test(name)) return "Use letters, digits and underscores only, starting with a letter or underscore.";
  if (name.length > MAX_IDENT[engine]) return `At most ${MAX_IDENT[engine]} characters.`;
  return null;
}

export const restoreInput = z.object({
  backupSetId: z.string().min(1),
  /** "new": a new database on the target's server; "replace": the target's own database, atomically. */
  mode: z.enum(["new", "replace"]),
  /** Another source of the same engine to restore into; the backup's own source when absent. */
  targetSourceId: z.string().min(1).optional(),
  database: z.string().trim().max(MAX_DATABASE_NAME).optional(),
  /** Table keys ("schema.name" or "name"); all tables when absent or empty. */
  tables: z.array(z.string().min(1).max(MAX_TABLE_KEY)).max(MAX_RESTORE_TABLES).optional(),
  /** For mode "replace": the target database's name, typed by the person confirming. */
  confirmDatabase: z.string().max(MAX_DATABASE_NAME).optional(),
  skipPreRestoreBackup: z.boolean().default(false),
  /** The finished preview job the person looked at before confirming. */
  previewJobId: z.string().min(1),
});
export type RestoreInput = z.input<typeof restoreInput>;

export const restorePageQuery = z.object({ backup: z.string().min(1).optional() });
