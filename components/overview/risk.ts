// Why a source is not protected, in words: the overview's at-risk list and KPI.
import { formatDuration } from "@/lib/format";

export interface SourceAtRisk {
  id: string;
  name: string;
  /** As lib/sources/health.ts decides it: "at-risk" past its RPO, "unprotected" without an enabled schedule. */
  state: "at-risk" | "unprotected" | "ok";
  ageMs: number | null;
  allowedMs: number | null;
}

/** Protected means: a schedule, and a successful backup younger than the schedule allows. */
export function isProtected(s: SourceAtRisk): boolean {
  return s.state === "ok" && s.ageMs !== null;
}

export function riskReason(s: SourceAtRisk): string {
  const age = s.ageMs === null ? null : formatDuration(s.ageMs / 1000);
  if (s.state === "unprotected") return age ? `no enabled backup schedule; last backup ${age} ago` : "no enabled backup schedule and never backed up";
  if (s.ageMs === null) return `never backed up${s.state === "at-risk" ? " although its schedule should have run" : "; its first scheduled backup has not run yet"}`;
  return `last backup ${age} ago; its schedule allows ${formatDuration((s.allowedMs ?? 0) / 1000)}`;
}
