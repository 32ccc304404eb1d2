// A job's stored progress as the pages read it, and the numbers derived from it (fraction, rate).
export interface JobProgress {
  phase: string;
  table?: string;
  rowsDone: number;
  rowsTotal: number;
  bytesDone: number;
  bytesTotal: number;
  etaSeconds?: number | null;
  elapsedMs?: number;
}

export type JobStatusName = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
export const FINAL_STATUSES: JobStatusName[] = ["SUCCEEDED", "FAILED", "CANCELLED"];
export const STATUS_TONE = { QUEUED: "neutral", RUNNING: "info", SUCCEEDED: "good", FAILED: "bad", CANCELLED: "warn" } as const;

/** 0…1; a finished job is 100 % whatever the running estimate said. */
export function progressFraction(status: JobStatusName, p: JobProgress | null | undefined): number {
  if (status === "SUCCEEDED") return 1;
  return p && p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
}

/** Bytes per second since the job started, or null before there is anything to measure. */
export function progressRate(p: JobProgress | null | undefined): number | null {
  return p?.elapsedMs && p.bytesDone ? p.bytesDone / (p.elapsedMs / 1000) : null;
}

/** "backup", "test connection". */
export function kindLabel(kind: string): string {
  return kind.toLowerCase().replace(/_/g, " ");
}
