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

/** The folder of a SQLite file path, with its trailing slash ("/var/lib/app/"). */
export function sqliteFolder(file: string): string {
  return file.slice(0, file.lastIndexOf("/") + 1);
}

/**
 * Why `name` cannot be a new database, or null when it can. `targetDatabase` is the database (SQLite: the file)
 * of the source restored into: a new SQLite file must go in that file's folder or a subfolder of it, never
 * anywhere else the worker happens to be able to write.
 */
export function newDatabaseProblem(engine: EngineName, name: string, targetDatabase: string): string | null {
  if (!name) return "Name the new database.";
  if (engine === "SQLITE") {
    if (!name.startsWith("/")) return "Give the full path of the new SQLite file, starting with /.";
    const parts = name.split("/");
    if (parts.includes("..") || parts.includes(".")) return "The path may not contain “..” or “.” folders.";
    if (name.endsWith("/")) return "The path must end with a file name.";
    const folder = sqliteFolder(targetDatabase);
    if (!folder.startsWith("/") || !name.startsWith(folder) || name.slice(folder.length).split("/").includes("")) {
      return `Put the new file in ${folder || "the source file's folder"} (or a subfolder of it), beside the source's own file.`;
    }
    return null;
  }
  if (!IDENT.test(name)) return "Use letters, digits and underscores only, starting with a letter or underscore.";
  if (name.length > MAX_IDENT[engine]) return `At most ${MAX_IDENT[engine]} characters.`;
  return null;
}

/** A restore may start only from a preview that finished this recently: an older one may no longer show what changes. */
export const PREVIEW_VALID_MINUTES = 30;

/** Whole minutes since the preview finished (0 when under a minute). */
export function previewAgeMinutes(finishedAt: Date | string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(finishedAt).getTime()) / 60_000));
}

/** "preview from 3 min ago" as the confirm step shows it. */
export function previewAgeLabel(finishedAt: Date | string, now: Date): string {
  const m = previewAgeMinutes(finishedAt, now);
  return m === 0 ? "preview from less than a minute ago" : `preview from ${m} min ago`;
}

/** Why the preview that finished at `finishedAt` no longer unlocks a restore, or null while it still does. */
export function previewExpiredProblem(finishedAt: Date | string | null, now: Date): string | null {
  if (!finishedAt) return "The preview has not finished: wait for it, then confirm.";
  if (now.getTime() - new Date(finishedAt).getTime() <= PREVIEW_VALID_MINUTES * 60_000) return null;
  return `The preview is ${previewAgeMinutes(finishedAt, now)} minutes old (it is valid for ${PREVIEW_VALID_MINUTES}): the data may have changed since. Preview again, then confirm.`;
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
  /** Read the backup from this storage target's completed copy; where it was written when absent. */
  fromStorageTargetId: z.string().min(1).optional(),
  /** The finished preview job the person looked at before confirming. */
  previewJobId: z.string().min(1),
});
export type RestoreInput = z.input<typeof restoreInput>;

export const restorePageQuery = z.object({ backup: z.string().min(1).optional() });
