// What the timeline shows, as the page hands it from lib/db/timeline.ts to components/timeline (plain JSON).
export interface TimelinePoint {
  id: string;
  /** "backup" links to the backup page; "failed-job" is a backup job that failed (no backup set exists). */
  kind: "backup" | "failed-job";
  type: "FULL" | "DIFFERENTIAL" | "INCREMENTAL";
  status: "COMPLETED" | "RUNNING" | "FAILED";
  verification: "UNVERIFIED" | "VERIFIED" | "FAILED";
  at: string;
  logicalBytes: number;
  storedBytes: number;
  rowCount: number;
  tableCount: number;
  pinned: boolean;
  preRestore: boolean;
  error?: string | null;
  /** Where it lives: "Local disk", "Offsite (copy, verified)"… (lib/db/copies.ts). */
  places?: string[];
}

export interface TimelineBucket {
  start: string;
  end: string;
  type: "FULL" | "DIFFERENTIAL" | "INCREMENTAL";
  count: number;
  /** Backup runs that failed (no backup set, or a failed set). */
  failed: number;
  /** Backups whose verification failed. */
  verifyFailed: number;
}

export type TimelineData = { mode: "points"; total: number; points: TimelinePoint[] } | { mode: "buckets"; total: number; buckets: TimelineBucket[] };

