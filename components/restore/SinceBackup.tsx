"use client";
// Beside a new-database preview: how the live source has changed since the chosen backup, i.e. what the restored
// copy will have that the live database no longer has (and the reverse). Information only; confirm does not wait for it.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Card, tableClass } from "@/components/ui/primitives";
import { JobProgressLine } from "@/components/diff/JobProgressLine";
import { useJob } from "@/components/diff/useJob";
import { startCompareAction } from "@/lib/actions/diffs";
import type { SnapshotDiff } from "@/lib/diff/types";

const n = (v: number) => v.toLocaleString("en");

export function SinceBackup({ sourceId, sourceName, backupSetId, tables, fromStorageTargetId }: { sourceId: string; sourceName: string; backupSetId: string; tables?: string[]; fromStorageTargetId?: string }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  const { data: job } = useJob<SnapshotDiff>(jobId);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void startCompareAction({ sourceId, fromBackupSetId: backupSetId, to: { live: true }, ...(tables ? { tables } : {}), ...(fromStorageTargetId ? { fromStorageTargetId } : {}) })
      .then((r) => (r.ok ? setJobId(r.data.jobId) : setError(r.error.message)));
  }, [sourceId, backupSetId, tables, fromStorageTargetId]);

  const d = job?.status === "SUCCEEDED" ? job.result : null;
  const changed = d?.tables.filter((t) => t.rowsAdded + t.rowsRemoved + t.rowsChanged > 0) ?? [];
  return (
    <Card title={`How ${sourceName} has changed since this backup`}>
      {error ? <p className="text-sm text-slate-600">Could not compare with the live database: {error}</p> : !d ? (
        <JobProgressLine job={job} label="Comparison with the live database" />
      ) : !changed.length && !d.schema.length ? (
        <p className="text-sm" data-testid="since-backup">The live database holds exactly the rows of this backup: the restored copy will be identical to it.</p>
      ) : (
        <div data-testid="since-backup">
          <p className="mb-2 text-sm">Rows the live database has now compared with the backup. The restored copy has the backup&apos;s rows: the deleted ones back, the updated ones as they were, none of the inserted ones.</p>
          <table className={tableClass.table}>
            <thead><tr>{["Table", "Inserted since", "Deleted since", "Updated since"].map((h) => <th key={h} className={tableClass.th}>{h}</th>)}</tr></thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {changed.map((t) => (
                <tr key={t.table} data-testid={`since-row-${t.table}`}>
                  <td className={`${tableClass.td} font-mono text-xs`}>{t.table}</td>
                  <td className={`${tableClass.td} tabular-nums`}>{n(t.rowsAdded)}</td>
                  <td className={`${tableClass.td} tabular-nums`}>{n(t.rowsRemoved)}</td>
                  <td className={`${tableClass.td} tabular-nums`}>{n(t.rowsChanged)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.schema.length ? <p className="mt-2 text-sm">{d.schema.length} schema object{d.schema.length === 1 ? "" : "s"} changed too.</p> : null}
          {jobId ? <p className="mt-2 text-xs"><Link className="underline" href={`/sources/${sourceId}/compare?from=${backupSetId}&to=live&job=${jobId}`} target="_blank">See the changed rows (opens a new tab)</Link></p> : null}
        </div>
      )}
    </Card>
  );
}
