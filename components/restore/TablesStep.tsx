"use client";
// Step 3: every table (default) or a chosen few, with their row counts in the chosen backup.
import { buttonClass } from "@/components/ui/primitives";
import { countOf } from "@/lib/format";
import type { WizardBackup, WizardChoice } from "./types";

export function TablesStep({ backup, choice, onChange }: { backup: WizardBackup; choice: WizardChoice; onChange: (c: Partial<WizardChoice>) => void }) {
  const chosen = new Set(choice.tables);
  const toggle = (key: string) => onChange({ tables: backup.tables.map((t) => t.key).filter((k) => (k === key ? !chosen.has(k) : chosen.has(k))) });
  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Tables to restore</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="tables" className="h-4 w-4 accent-brand-600" checked={choice.allTables} onChange={() => onChange({ allTables: true })} />
        <span><span className="font-medium">{backup.tables.length === 1 ? "The 1 table" : `All ${backup.tables.length} tables`}</span> and the rest of the schema (views, functions, sequences…)</span>
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="tables" className="h-4 w-4 accent-brand-600" checked={!choice.allTables} onChange={() => onChange({ allTables: false })} />
        <span className="font-medium">Only the tables I choose</span>
      </label>
      {!choice.allTables ? (
        <div className="ml-6">
          <div className="mb-2 flex gap-2">
            <button type="button" className={buttonClass.secondary} onClick={() => onChange({ tables: backup.tables.map((t) => t.key) })}>Select all</button>
            <button type="button" className={buttonClass.secondary} onClick={() => onChange({ tables: [] })}>Select none</button>
            <span className="self-center text-sm text-slate-500">{chosen.size} of {backup.tables.length} chosen</span>
          </div>
          <ul className="grid max-h-80 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2 dark:border-slate-800">
            {backup.tables.map((t) => (
              <li key={t.key}>
                <label className="flex items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
                  <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={chosen.has(t.key)} onChange={() => toggle(t.key)} />
                  <span className="font-mono text-xs">{t.key}</span>
                  <span className="ml-auto text-xs tabular-nums text-slate-500">{countOf(t.rows, "row")}</span>
                </label>
              </li>
            ))}
          </ul>
          {chosen.size === 0 ? <p role="alert" className="mt-1 text-xs text-rose-700">Choose at least one table.</p> : null}
        </div>
      ) : null}
    </fieldset>
  );
}
