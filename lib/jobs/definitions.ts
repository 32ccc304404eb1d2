// Queue names, payload schemas and options of every job kind; handlers arrive with the jobs issue.
import type { z } from "zod";

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  options: { expireInSeconds: number; heartbeatSeconds?: number; retryLimit: number; retryBackoff: boolean };
  handle: (payload: z.infer<S>, ctx: { signal: AbortSignal; jobId: string }) => Promise<unknown>;
}

/** Every job the worker runs. Empty until the job handlers land; the worker already serves whatever is listed. */
export const jobDefinitions: JobDefinition[] = [];
