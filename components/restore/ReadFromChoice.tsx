"use client";
// Step 1, when the chosen backup has completed copies: which storage to read it from (where it was written, by default).
import { formatUtc } from "@/lib/format";
import { choiceOption, choiceRadio } from "./TargetStep";
import { STORAGE_KIND_LABEL as KIND, type WizardPlace } from "./types";

/** "copy verified 2026-11-21 19:02 UTC" / "where it was written". */
function placeHow(p: WizardPlace): string {
  if (!p.copy) return "where it was written";
  return p.verification === "VERIFIED" ? `copy verified ${formatUtc(p.at)}` : `copy from ${formatUtc(p.at)}, not verified`;
}

/** "offsite (S3) — copy verified 2026-11-21 19:02 UTC" / "primary (local directory) — where it was written". */
export function placeLabel(p: WizardPlace): string {
  return `${p.name} (${KIND[p.kind]}) — ${placeHow(p)}`;
}

export function ReadFromChoice({ places, value, onChange }: { places: WizardPlace[]; value: string; onChange: (storageTargetId: string) => void }) {
  if (!places.some((p) => p.copy)) return null;
  return (
    <fieldset className="space-y-2 pt-2">
      <legend className="mb-1 text-sm font-medium">Read from</legend>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        This backup is also kept in a second storage target. Read it from a copy when the storage where it was written is lost or slow: the preview and the restore both read from the place you choose.
      </p>
      {places.map((p) => (
        <label key={p.storageTargetId} className={choiceOption}>
          <input type="radio" name="read-from" className={choiceRadio} checked={p.copy ? value === p.storageTargetId : value === ""} onChange={() => onChange(p.copy ? p.storageTargetId : "")} />
          <span className="text-sm">
            <span className="font-medium">{p.name}</span> <span className="text-slate-600 dark:text-slate-400">({KIND[p.kind]}) — {placeHow(p)}</span>
            {!p.copy ? <>{" "}<span className="text-xs text-slate-500">(default)</span></> : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
