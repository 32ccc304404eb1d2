"use client";
// Step 2: where the backup goes: a new database (default), in place over the source, or into another source.
import { inputClass } from "@/components/ui/primitives";
import { newDatabaseProblem, sqliteFolder } from "@/lib/actions/restore.schema";
import { serverOf, type WizardChoice, type WizardSource } from "./types";

/** The wizard's radio choices: a bordered row that lights up when checked (also ReadFromChoice). */
export const choiceRadio = "mt-1 h-4 w-4 accent-brand-600";
export const choiceOption = "flex gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50 dark:border-slate-800 dark:has-[:checked]:bg-slate-800";

export function TargetStep({ choice, source, others, onChange }: { choice: WizardChoice; source: WizardSource; others: WizardSource[]; onChange: (c: Partial<WizardChoice>) => void }) {
  const other = others.find((s) => s.id === choice.otherSourceId);
  const newDb = choice.targetKind === "new" || (choice.targetKind === "other" && choice.otherMode === "new");
  const server = choice.targetKind === "other" ? other : source;
  const problem = newDb ? targetProblem(choice, source, others) : null;
  const isFile = source.engine === "SQLITE";

  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Restore target</legend>
      <label className={choiceOption}>
        <input type="radio" name="target" className={choiceRadio} checked={choice.targetKind === "new"} onChange={() => onChange({ targetKind: "new" })} />
        <span>
          <span className="font-medium">A new {isFile ? "file" : "database"}</span> <span className="text-xs text-slate-500">(recommended)</span>
          <span className="block text-sm text-slate-600 dark:text-slate-400">
            Created next to {source.name}&apos;s database; {source.database} is not touched. Check the data, then switch over or copy what you need.
          </span>
        </span>
      </label>
      <label className={choiceOption}>
        <input type="radio" name="target" className={choiceRadio} checked={choice.targetKind === "replace"} onChange={() => onChange({ targetKind: "replace" })} />
        <span>
          <span className="font-medium">In place: replace {source.database}</span>
          <span className="block text-sm text-slate-600 dark:text-slate-400">
            Its current data is backed up first (a pre-restore backup you can restore to undo this), then replaced in one step.
          </span>
        </span>
      </label>
      <label className={choiceOption}>
        <input type="radio" name="target" className={choiceRadio} checked={choice.targetKind === "other"} disabled={!others.length} onChange={() => onChange({ targetKind: "other", otherSourceId: choice.otherSourceId || others[0]?.id || "" })} />
        <span>
          <span className="font-medium">Another source</span>
          <span className="block text-sm text-slate-600 dark:text-slate-400">
            {others.length ? `Another registered ${source.engine === "POSTGRES" ? "PostgreSQL" : source.engine === "MYSQL" ? "MySQL/MariaDB" : "SQLite"} source, e.g. a newer server you migrate to.` : "No other source of this engine is registered."}
          </span>
        </span>
      </label>

      {choice.targetKind === "other" && others.length ? (
        <div className="ml-7 grid gap-3 sm:grid-cols-2">
          <label className="text-sm">
            <span className="mb-1 block font-medium">Source to restore into</span>
            <select className={inputClass} value={choice.otherSourceId} onChange={(e) => onChange({ otherSourceId: e.target.value })}>
              {others.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.displayTarget})</option>)}
            </select>
          </label>
          <label className="text-sm">
            <span className="mb-1 block font-medium">How</span>
            <select className={inputClass} value={choice.otherMode} onChange={(e) => onChange({ otherMode: e.target.value as "new" | "replace" })}>
              <option value="new">a new {isFile ? "file" : "database"} on its server</option>
              <option value="replace">replace its database {other ? `(${other.database})` : ""}</option>
            </select>
          </label>
        </div>
      ) : null}

      {newDb ? (
        <div className="pt-2">
          <label htmlFor="restore-database" className="mb-1 block text-sm font-medium">
            {isFile ? "New file (full path)" : "New database name"}
          </label>
          <input
            id="restore-database"
            className={`${inputClass} font-mono`}
            value={choice.database}
            onChange={(e) => onChange({ database: e.target.value })}
            aria-invalid={problem ? true : undefined}
            aria-describedby="restore-database-help"
            spellCheck={false}
            autoComplete="off"
          />
          <p id="restore-database-help" className={`mt-1 text-xs ${problem ? "text-rose-700 dark:text-rose-300" : "text-slate-500"}`} role={problem ? "alert" : undefined}>
            {problem ?? (isFile
              ? `Created in ${server ? sqliteFolder(server.database) : "the source file's folder"} or a subfolder of it (nowhere else). It must not exist yet.`
              : `Created on ${server ? serverOf(server) : "the same server"}. It must not exist yet.`)}
          </p>
        </div>
      ) : null}
    </fieldset>
  );
}

export function targetProblem(choice: WizardChoice, source: WizardSource, others: WizardSource[]): string | null {
  if (choice.targetKind === "other" && !others.some((s) => s.id === choice.otherSourceId)) return "Choose the source to restore into.";
  const newDb = choice.targetKind === "new" || (choice.targetKind === "other" && choice.otherMode === "new");
  if (!newDb) return null;
  const server = choice.targetKind === "other" ? others.find((s) => s.id === choice.otherSourceId) : source;
  if (server && choice.database.trim() === server.database) return "That is the source's own database: pick “in place” to replace it, or another name.";
  return newDatabaseProblem(source.engine, choice.database.trim(), (server ?? source).database);
}
