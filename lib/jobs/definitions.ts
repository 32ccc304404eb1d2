// Every job kind: its parameters (zod), its queue options and its handler. The Job row is the source of truth;
// the queue only carries the Job id.
import { z } from "zod";
import type { JobKind } from "../db/generated/client";
import type { Progress } from "../backup/progress";

export const JOB_QUEUE = "tidemark-jobs";

/** Long jobs: up to 12 h; a worker that stops sending heartbeats for 30 s loses the job (and its source is freed). */
export const JOB_QUEUE_OPTIONS = {
  expireInSeconds: 12 * 3600,
  heartbeatSeconds: 30,
  retryLimit: 3,
  retryDelay: 15,
  retryBackoff: true,
  retryDelayMax: 900,
  deleteAfterSeconds: 7 * 24 * 3600,
} as const;

export const queuePayload = z.object({ jobId: z.string().min(1) });

export interface JobContext<P> {
  jobId: string;
  sourceId: string | null;
  requestedById: string | null;
  params: P;
  signal: AbortSignal;
  progress: (p: Progress) => void;
  log: (level: "info" | "warn" | "error", message: string, data?: unknown) => Promise<void>;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  kind: JobKind;
  params: S;
  /** Source-bound jobs run one at a time per source, across every worker. */
  perSource: boolean;
  handle: (ctx: JobContext<z.infer<S>>) => Promise<unknown>;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
