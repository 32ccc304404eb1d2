"use client";
// Step 4: what the restore will do to the target, computed by a preview job before anything is touched.
import { useEffect, useRef, useState } from "react";
import { buttonClass, Card, DataTable, tableClass } from "@/components/ui/primitives";
import { JobProgressLine } from "@/components/diff/JobProgressLine";
import { useJob } from "@/components/diff/useJob";
import { startRestorePreviewAction } from "@/lib/actions/diffs";
import { countOf } from "@/lib/format";
import { SinceBackup } from "./SinceBackup";

export interface PreviewTable {
  table: string;
  rowsDeleted: number;
  rowsInserted: number;
  rowsUpdated: number;
  schemaChanges: string[];
}
export interface PreviewResult {
  preview?: { tables: PreviewTable[]; summary: string[] };
}

export interface PreviewRequest {
  backupSetId: string;
  target: { mode: "new" | "replace"; targetSourceId?: string; database?: string };
  tables?: string[];
  /** A storage target holding a completed copy to read the backup from; where it was written when absent. */
  fromStorageTargetId?: string;
}

const n = (v: number) => v.toLocaleString("en");

export function PreviewStep({ request, jobId, onJob, source }: { request: PreviewRequest; jobId: string | null; onJob: (id: string) => void; source: { id: string; name: string } }) {
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const { data: job } = useJob<PreviewResult>(jobId);

  async function start() {
    setError(null);
    const r = await startRestorePreviewAction(request);
    if (r.ok) onJob(r.data.jobId);
    else setError(r.error.message);
  }
  useEffect(() => {
    if (jobId || started.current) return;
    started.current = true;
    void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- start once per request; a changed request remounts this step
  }, []);

  if (error) {
    return (
      <div className="space-y-2">
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">The preview could not start: {error}</p>
        <button type="button" className={buttonClass.secondary} onClick={start}>Try again</button>
      </div>
    );
  }
  const preview = job?.status === "SUCCEEDED" ? job.result?.preview : undefined;
  if (!preview) {
    return (
      <div className="space-y-3">
        <p className="text-sm">Reading the backup and the target to work out exactly what the restore would change. Nothing is written yet.</p>
        <JobProgressLine job={job} label="Preview progress" />
        {job && ["FAILED", "CANCELLED"].includes(job.status) ? <button type="button" className={buttonClass.secondary} onClick={start}>Run the preview again</button> : null}
      </div>
    );
  }
  const changing = preview.tables.filter((t) => t.rowsDeleted + t.rowsInserted + t.rowsUpdated + t.schemaChanges.length > 0);
  const totals = preview.tables.reduce((a, t) => ({ d: a.d + t.rowsDeleted, i: a.i + t.rowsInserted, u: a.u + t.rowsUpdated }), { d: 0, i: 0, u: 0 });
  return (
    <div className="space-y-4" data-testid="restore-preview">
      <Card>
        <p className="text-sm font-medium">
          The restore will delete <strong className="tabular-nums" data-testid="preview-deleted">{n(totals.d)}</strong> rows, insert{" "}
          <strong className="tabular-nums" data-testid="preview-inserted">{n(totals.i)}</strong> and update{" "}
          <strong className="tabular-nums" data-testid="preview-updated">{n(totals.u)}</strong> in {changing.length} of {countOf(preview.tables.length, "table")}.
        </p>
        {preview.summary.length ? (
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-700 dark:text-slate-300">
            {preview.summary.map((s) => <li key={s}>{s}</li>)}
          </ul>
        ) : null}
      </Card>
      <DataTable testId="preview-tables" headers={["Table", "Rows deleted", "Rows inserted", "Rows updated", "Schema"]}>
        {preview.tables.map((t) => (
          <tr key={t.table} data-testid={`preview-row-${t.table}`} className={t.rowsDeleted + t.rowsInserted + t.rowsUpdated + t.schemaChanges.length ? "" : "text-slate-400"}>
            <td className={`${tableClass.td} font-mono text-xs`}>{t.table}</td>
            <td className={`${tableClass.td} tabular-nums`}>{n(t.rowsDeleted)}</td>
            <td className={`${tableClass.td} tabular-nums`}>{n(t.rowsInserted)}</td>
            <td className={`${tableClass.td} tabular-nums`}>{n(t.rowsUpdated)}</td>
            <td className={`${tableClass.td} text-xs`}>{t.schemaChanges.length ? t.schemaChanges.join("; ") : "no change"}</td>
          </tr>
        ))}
      </DataTable>
      {request.target.mode === "new" ? <SinceBackup sourceId={source.id} sourceName={source.name} backupSetId={request.backupSetId} tables={request.tables} fromStorageTargetId={request.fromStorageTargetId} /> : null}
    </div>
  );
}
