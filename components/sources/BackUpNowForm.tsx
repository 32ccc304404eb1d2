"use client";
// "Back up now" on a source's page, with the type to take; opens the job's live page.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/primitives";
import { backUpNowAction } from "@/lib/actions/jobs";

type BackupType = "full" | "differential" | "incremental";

export function BackUpNowForm({ sourceId, sourceName, hasFull }: { sourceId: string; sourceName: string; hasFull: boolean }) {
  const router = useRouter();
  const [type, setType] = useState<BackupType>(hasFull ? "incremental" : "full");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        setError(null);
        const r = await backUpNowAction({ sourceId, type });
        if (r.ok) return router.push(`/jobs/${r.data.jobId}`);
        setError(r.error.message);
        setPending(false);
      }}
    >
      <div>
        <label htmlFor="backup-type" className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">Type</label>
        <select id="backup-type" value={type} onChange={(e) => setType(e.target.value as BackupType)} className={`${inputClass} w-44`}>
          <option value="full">Full</option>
          <option value="differential">Differential</option>
          <option value="incremental">Incremental</option>
        </select>
      </div>
      <button type="submit" className={buttonClass.primary} disabled={pending} aria-label={`Back up ${sourceName} now`}>{pending ? "Starting…" : "Back up now"}</button>
      {!hasFull && type !== "full" ? <p className="w-full text-xs text-slate-500">No full backup yet: the first one is taken as full whatever the type.</p> : null}
      {error ? <p role="alert" className="w-full text-xs text-rose-700">{error}</p> : null}
    </form>
  );
}
