"use client";
// Polls /api/jobs/[id] until the job ends: the compare page and the restore wizard follow their jobs with it.
import { useQuery } from "@tanstack/react-query";
import { FINAL_STATUSES, type JobProgress, type JobStatusName } from "@/components/jobs/progress";

export interface PolledJob<R> {
  id: string;
  kind: string;
  status: JobStatusName;
  progress: JobProgress | null;
  result: R | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export function useJob<R>(jobId: string | null) {
  return useQuery<PolledJob<R>>({
    queryKey: ["job", jobId],
    enabled: Boolean(jobId),
    queryFn: async () => {
      const res = await fetch(`/api/jobs/${jobId}`, { cache: "no-store" });
      if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `HTTP ${res.status}`);
      return res.json();
    },
    refetchInterval: (q) => (q.state.data && FINAL_STATUSES.includes(q.state.data.status) ? false : 1000),
  });
}
