"use client";
// Polls /api/jobs/[id] until the job ends: the compare page and the restore wizard follow their jobs with it.
import { useQuery } from "@tanstack/react-query";

export interface JobProgress {
  phase: string;
  table?: string;
  rowsDone: number;
  rowsTotal: number;
  bytesDone: number;
  bytesTotal: number;
  etaSeconds?: number | null;
}

export interface PolledJob<R> {
  id: string;
  kind: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  progress: JobProgress | null;
  result: R | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const FINAL_JOB_STATUSES = ["SUCCEEDED", "FAILED", "CANCELLED"];

export function useJob<R>(jobId: string | null) {
  return useQuery<PolledJob<R>>({
    queryKey: ["job", jobId],
    enabled: Boolean(jobId),
    queryFn: async () => {
      const res = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" });
      if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `HTTP ${res.status}`);
      return res.json();
    },
    refetchInterval: (q) => (q.state.data && FINAL_JOB_STATUSES.includes(q.state.data.status) ? false : 1000),
  });
}

/** 0…1 from a job's progress (a succeeded job is complete whatever its estimate said). */
export function jobFraction(job: PolledJob<unknown> | undefined): number {
  if (!job) return 0;
  if (job.status === "SUCCEEDED") return 1;
  const p = job.progress;
  if (!p) return 0;
  if (p.bytesTotal > 0) return Math.min(1, p.bytesDone / p.bytesTotal);
  if (p.rowsTotal > 0) return Math.min(1, p.rowsDone / p.rowsTotal);
  return 0;
}
