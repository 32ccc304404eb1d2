"use client";
// Step 5: the whole restore in one sentence, the typed database name for an in-place restore, then start it.
import { useEffect, useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/primitives";
import { startRestoreAction } from "@/lib/actions/restore";
import { previewAgeLabel, previewExpiredProblem } from "@/lib/actions/restore.schema";
import { formatUtc } from "@/lib/format";
import { placeLabel } from "./ReadFromChoice";
import { serverOf, type WizardBackup, type WizardPlace, type WizardSource } from "./types";

export interface ConfirmProps {
  backup: WizardBackup;
  source: WizardSource;
  target: { mode: "new" | "replace"; into: WizardSource; database: string };
  tables: string[] | null;
  /** Where the backup is read from, for the summary (null: the backup has no copies, or the place is unknown). */
  readFrom: WizardPlace | null;
  /** The storage the preview read, sent with the restore exactly as the preview was asked for. */
  fromStorageTargetId?: string;
  previewJobId: string;
  /** When the preview finished: a restore starts only from a recent one. */
  previewFinishedAt: string;
  isAdmin: boolean;
  onStarted: (jobId: string) => void;
  onPreviewAgain: () => void;
}

export function ConfirmStep({ backup, source, target, tables, readFrom, fromStorageTargetId, previewJobId, previewFinishedAt, isAdmin, onStarted, onPreviewAgain }: ConfirmProps) {
  const now = useNow(15_000);
  const [serverExpired, setServerExpired] = useState(false);
  const expired = previewExpiredProblem(previewFinishedAt, now) ?? (serverExpired ? "The preview has expired." : null);
  const [typed, setTyped] = useState("");
  const [skipPre, setSkipPre] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const replace = target.mode === "replace";
  const ready = (!replace || typed === target.database) && !expired;

  async function go() {
    setBusy(true);
    setError(null);
    const r = await startRestoreAction({
      backupSetId: backup.id,
      mode: target.mode,
      ...(target.into.id !== source.id ? { targetSourceId: target.into.id } : {}),
      ...(target.mode === "new" ? { database: target.database } : { confirmDatabase: typed }),
      ...(tables ? { tables } : {}),
      skipPreRestoreBackup: replace && skipPre,
      ...(fromStorageTargetId ? { fromStorageTargetId } : {}),
      previewJobId,
    });
    if (r.ok) return onStarted(r.data.jobId);
    if (r.error.fields?.previewJobId === "expired") setServerExpired(true);
    setError(r.error.message);
    setBusy(false);
  }

  return (
    <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); if (ready && !busy) void go(); }}>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]" data-testid="restore-summary">
        <dt className="text-slate-500">Restore</dt>
        <dd>{source.name} as of <strong>{formatUtc(backup.consistentAt, { seconds: true })}</strong></dd>
        <dt className="text-slate-500">Into</dt>
        <dd>
          {replace ? (
            <><strong className="text-rose-700 dark:text-rose-300">replacing {target.database}</strong>, the database of {target.into.name} <span className="text-slate-500">({target.into.displayTarget})</span></>
          ) : (
            <>new {source.engine === "SQLITE" ? "file" : "database"} <strong className="font-mono">{target.database}</strong> {source.engine === "SQLITE" ? "" : <>on {serverOf(target.into)} <span className="text-slate-500">(the server of {target.into.name})</span></>}</>
          )}
        </dd>
        {readFrom ? (
          <>
            <dt className="text-slate-500">Read from</dt>
            <dd data-testid="restore-read-from">{placeLabel(readFrom)}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">Tables</dt>
        <dd>{tables ? `${tables.length}: ${tables.join(", ")}` : `all ${backup.tables.length}`}</dd>
        <dt className="text-slate-500">Changes</dt>
        <dd data-testid="preview-age">as the {previewAgeLabel(previewFinishedAt, now)} showed</dd>
      </dl>

      {expired ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm dark:border-amber-800 dark:bg-amber-950/40">
          <span>{previewExpiredProblem(previewFinishedAt, now) ?? error}</span>
          <button type="button" className={buttonClass.secondary} onClick={onPreviewAgain}>Preview again</button>
        </div>
      ) : null}

      {replace ? (
        <div className="rounded-md border border-rose-200 bg-rose-50 p-3 dark:border-rose-900 dark:bg-rose-950/40">
          <p className="text-sm">
            Every row of {tables ? "the chosen tables" : "every table"} in <strong>{target.database}</strong> is replaced by the backup&apos;s, as the preview showed.
            {skipPre ? " No pre-restore backup will be taken: this cannot be undone from Tidemark." : " A pre-restore backup is taken first, so you can undo it."}
          </p>
          <label htmlFor="confirm-database" className="mt-3 block text-sm font-medium">
            Type <span className="font-mono">{target.database}</span> to confirm
          </label>
          <input id="confirm-database" className={`${inputClass} mt-1 font-mono`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
          {isAdmin ? (
            <label className="mt-3 flex items-center gap-2 text-sm">
              <input type="checkbox" className="h-4 w-4 accent-rose-600" checked={skipPre} onChange={(e) => setSkipPre(e.target.checked)} />
              Skip the pre-restore backup (admins only; the restore then cannot be undone)
            </label>
          ) : null}
        </div>
      ) : null}

      {error && !expired ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{error}</p> : null}
      <button type="submit" className={replace ? `${buttonClass.primary} bg-rose-600 hover:bg-rose-700` : buttonClass.primary} disabled={!ready || busy}>
        {busy ? "Starting…" : replace ? `Replace ${target.database} now` : "Start the restore"}
      </button>
    </form>
  );
}

/** The current time, refreshed every `everyMs` so ages on screen move on. */
function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
