"use client";
// A job as it runs: status, a progress bar with rows, bytes, rate and ETA, the log, and cancel for operators.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge, buttonClass, Card } from "@/components/ui/primitives";
import { cancelJobAction, retryJobAction } from "@/lib/actions/jobs";
import { formatBytes, formatDuration, formatUtc } from "@/lib/format";
import { ProgressBar } from "./ProgressBar";
import { FINAL_STATUSES as FINAL, progressFraction, progressRate, STATUS_TONE as TONE, type JobProgress, type JobStatusName } from "./progress";

interface JobView {
  id: string;
  kind: string;
  status: JobStatusName;
  source: { id: string; name: string } | null;
  progress: JobProgress | null;
  result: Record<string, unknown> | null;
  error: string | null;
  cancelRequested: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  events: { id: string; at: string; level: string; message: string }[];
}

export function JobLive({ jobId, canCancel, canRetry = canCancel }: { jobId: string; canCancel: boolean; canRetry?: boolean }) {
  const router = useRouter();
  const [actionError, setActionError] = useState<string | null>(null);
  const [retrying, setRetrying] = useState(false);
  const { data: job, error } = useQuery<JobView>({
    queryKey: ["job", jobId],
    queryFn: async () => {
      const res = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" });
      if (!res.ok) throw new Error((await res.json()).error ?? `HTTP ${res.status}`);
      return res.json();
    },
    refetchInterval: (q) => (q.state.data && FINAL.includes(q.state.data.status) ? false : 1000),
  });
  if (error) return <p role="alert" className="text-sm text-rose-700">Cannot load the job: {error.message}</p>;
  if (!job) return <p className="text-sm text-slate-500">Loading…</p>;

  const p = job.progress;
  const fraction = progressFraction(job.status, p);
  const rate = progressRate(p);
  const ended = FINAL.includes(job.status);
  const backupSetId = job.status === "SUCCEEDED" && job.kind === "BACKUP" && typeof job.result?.backupSetId === "string" ? job.result.backupSetId : null;
  const took = job.startedAt && job.finishedAt ? (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000 : null;
  // Totals are estimates while a job runs; once it has ended they are what it did.
  const approx = FINAL.includes(job.status) ? "" : "~";

  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2">
            <Badge tone={TONE[job.status]}><span data-testid="job-status">{job.status.toLowerCase()}</span></Badge>
            {job.cancelRequested && !FINAL.includes(job.status) ? <span className="text-xs text-slate-500">cancel requested…</span> : null}
          </div>
          {canCancel && !FINAL.includes(job.status) ? (
            <button
              type="button"
              className={buttonClass.danger}
              disabled={job.cancelRequested}
              onClick={async () => {
                if (!window.confirm("Cancel this job? It stops at the next chunk and keeps nothing half-written.")) return;
                const r = await cancelJobAction({ jobId });
                setActionError(r.ok ? null : r.error.message);
              }}
            >
              Cancel job
            </button>
          ) : null}
          {canRetry && (job.status === "FAILED" || job.status === "CANCELLED") ? (
            <button
              type="button"
              className={buttonClass.primary}
              disabled={retrying}
              onClick={async () => {
                setRetrying(true);
                const r = await retryJobAction({ jobId });
                if (r.ok) router.push(`/jobs/${r.data.jobId}`);
                else {
                  setActionError(r.error.message);
                  setRetrying(false);
                }
              }}
            >
              {retrying ? "Starting…" : "Retry job"}
            </button>
          ) : null}
        </div>
        {actionError ? <p role="alert" className="mt-2 text-sm text-rose-700">{actionError}</p> : null}
        <div className="mt-4">
          <ProgressBar fraction={fraction} status={job.status} label="Job progress" />
          <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
            <div><dt className="text-xs text-slate-500">Phase</dt><dd>{p?.phase ?? (job.status === "QUEUED" ? "waiting for a worker" : "—")}{p?.table ? ` · ${p.table}` : ""}</dd></div>
            <div><dt className="text-xs text-slate-500">Rows</dt><dd className="tabular-nums">{p && (p.rowsTotal || p.rowsDone) ? `${p.rowsDone.toLocaleString("en")} / ${approx}${p.rowsTotal.toLocaleString("en")}` : "—"}</dd></div>
            <div><dt className="text-xs text-slate-500">Data</dt><dd className="tabular-nums">{p ? `${formatBytes(p.bytesDone)} / ${approx}${formatBytes(p.bytesTotal)}` : "—"}</dd></div>
            <div><dt className="text-xs text-slate-500">{ended ? "Average rate" : "Rate"}</dt><dd className="tabular-nums">{rate ? `${formatBytes(rate)}/s` : "—"}</dd></div>
            {ended ? (
              <div><dt className="text-xs text-slate-500">Took</dt><dd className="tabular-nums">{took !== null ? formatDuration(took) : "—"}</dd></div>
            ) : (
              <div><dt className="text-xs text-slate-500">Time left</dt><dd className="tabular-nums">{p?.etaSeconds != null ? formatDuration(p.etaSeconds) : "estimating…"}</dd></div>
            )}
          </dl>
          <p className="mt-2 text-xs text-slate-500">Started {formatUtc(job.startedAt, { seconds: true })}{job.finishedAt ? ` · ended ${formatUtc(job.finishedAt, { seconds: true })}` : ""}</p>
          {backupSetId && job.source ? (
            <p className="mt-3 text-sm"><Link className="font-medium text-brand-600 underline" href={`/sources/${job.source.id}/backups/${backupSetId}`}>Open the backup this job made →</Link></p>
          ) : null}
        </div>
        {job.error ? <p role="alert" className="mt-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{job.error}</p> : null}
      </Card>
      <Card title="Log">
        <ol className="space-y-1 font-mono text-xs" data-testid="job-log">
          {job.events.map((e) => (
            <li key={e.id} className={e.level === "error" ? "text-rose-700 dark:text-rose-300" : e.level === "warn" ? "text-amber-700 dark:text-amber-300" : ""}>
              <span className="text-slate-500">{e.at.replace("T", " ").slice(11, 19)}</span> {e.message}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
