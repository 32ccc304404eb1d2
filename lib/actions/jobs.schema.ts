// Inputs of the job actions.
import { z } from "zod";

export const backUpNowInput = z.object({
  sourceId: z.string().min(1),
  type: z.enum(["full", "differential", "incremental"]).default("incremental"),
});

export const cancelJobInput = z.object({ jobId: z.string().min(1) });

export const retryJobInput = z.object({ jobId: z.string().min(1) });
