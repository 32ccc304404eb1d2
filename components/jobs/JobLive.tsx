"use client";
// A job as it runs: status, a progress bar with rows, bytes, rate and ETA, the log, and cancel for operators.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, buttonClass, Card } from "@/components/ui/primitives";
import { cancelJobAction } from "@/lib/actions/jobs";
import { formatBytes, formatDuration } from "@/lib/format";

interface Progress {
  phase: string;
  table?: string;
  rowsDone: number;
  rowsTotal: number;
  bytesDone: number;
  bytesTotal: number;
  etaSeconds?: number | null;
  elapsedMs?: number;
}
interface JobView {
  id: string;
  kind: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  source: { id: string; name: string } | null;
  progress: Progress | null;
  result: Record<string, unknown> | null;
  error: string | null;
  cancelRequested: boolean;
  events: { id: string; at: string; level: string; message: string }[];
}

const FINAL = ["SUCCEEDED", "FAILED", "CANCELLED"];
const TONE = { QUEUED: "neutral", RUNNING: "info", SUCCEEDED: "good", FAILED: "bad", CANCELLED: "warn" } as const;

export function JobLive({ jobId, canCancel }: { jobId: string; canCancel: boolean }) {
  const [cancelError, setCancelError] = useState<string | null>(null);
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
  // Totals are the server's estimates: a finished job is 100 % whatever the estimate said.
  const fraction = job.status === "SUCCEEDED" ? 1 : p && p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
  const rate = p?.elapsedMs ? p.bytesDone / (p.elapsedMs / 1000) : null;
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
                setCancelError(r.ok ? null : r.error.message);
              }}
            >
              Cancel job
            </button>
          ) : null}
        </div>
        {cancelError ? <p role="alert" className="mt-2 text-sm text-rose-700">{cancelError}</p> : null}
        <div className="mt-4">
          <div
            role="progressbar"
            aria-label="Job progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(fraction * 100)}
            className="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
          >
            <div className={`h-full ${job.status === "FAILED" ? "bg-rose-500" : "bg-brand-500"} transition-all`} style={{ width: `${fraction * 100}%` }} />
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
            <div><dt className="text-xs text-slate-500">Phase</dt><dd>{p?.phase ?? (job.status === "QUEUED" ? "waiting for a worker" : "—")}{p?.table ? ` · ${p.table}` : ""}</dd></div>
            <div><dt className="text-xs text-slate-500">Rows</dt><dd className="tabular-nums">{p && (p.rowsTotal || p.rowsDone) ? `${p.rowsDone.toLocaleString("en")} / ${approx}${p.rowsTotal.toLocaleString("en")}` : "—"}</dd></div>
            <div><dt className="text-xs text-slate-500">Data</dt><dd className="tabular-nums">{p ? `${formatBytes(p.bytesDone)} / ${approx}${formatBytes(p.bytesTotal)}` : "—"}</dd></div>
            <div><dt className="text-xs text-slate-500">Rate</dt><dd className="tabular-nums">{rate ? `${formatBytes(rate)}/s` : "—"}</dd></div>
            <div><dt className="text-xs text-slate-500">Time left</dt><dd className="tabular-nums">{FINAL.includes(job.status) ? "done" : p?.etaSeconds != null ? formatDuration(p.etaSeconds) : "estimating…"}</dd></div>
          </dl>
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
