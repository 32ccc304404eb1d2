"use server";
// Starting and cancelling jobs from the dashboard (operators and admins). The worker does the work.
import { revalidatePath } from "next/cache";
import { addJobEvent, getJob, requestCancel, RETRIED_AS } from "../db/jobs";
import { sourceName } from "../db/sources";
import { Forbidden, Invalid, NotFound } from "../errors";
import { startJob } from "../jobs/enqueue";
import { retryRefusal } from "../jobs/retry-rules";
import { jobDefinitions } from "../jobs/registry";
import { operatorAction } from "./client";
import { backUpNowInput, cancelJobInput, retryJobInput } from "./jobs.schema";

export const backUpNowAction = operatorAction(backUpNowInput, async ({ user, input, audit }) => {
  const source = await sourceName(input.sourceId);
  if (!source) throw new NotFound("That data source no longer exists.");
  const job = await startJob({ kind: "BACKUP", sourceId: source.id, requestedById: user.id, params: { type: input.type, verifyAfter: true } });
  await audit({ action: "backup.requested", targetType: "source", targetId: source.id, details: { source: source.name, type: input.type, jobId: job.id } });
  revalidatePath("/jobs");
  return { jobId: job.id };
});

export const cancelJobAction = operatorAction(cancelJobInput, async ({ input, audit }) => {
  const job = await getJob(input.jobId);
  if (!job) throw new NotFound("That job does not exist.");
  if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(job.status)) throw new Invalid(`The job has already ${job.status.toLowerCase()}.`);
  const status = await requestCancel(job.id);
  await audit({ action: "job.cancel_requested", targetType: "job", targetId: job.id, details: { kind: job.kind } });
  revalidatePath(`/jobs/${job.id}`);
  return { status };
});

/** Runs a failed or cancelled job again: a new job with the same kind, source and parameters, linked both ways in the logs. */
export const retryJobAction = operatorAction(retryJobInput, async ({ user, input, audit }) => {
  const job = await getJob(input.jobId);
  if (!job) throw new NotFound("That job does not exist.");
  if (job.status !== "FAILED" && job.status !== "CANCELLED") throw new Invalid(`Only a failed or cancelled job can be retried; this one is ${job.status.toLowerCase()}.`);
  const refusal = retryRefusal(job.kind, user.role);
  if (refusal) throw new Forbidden(refusal);
  const definition = jobDefinitions[job.kind];
  if (!definition) throw new Invalid(`This version of Tidemark cannot run ${job.kind.toLowerCase()} jobs, so it cannot be retried.`);
  if (definition.perSource && !job.sourceId) throw new Invalid("The job's data source has been deleted since; register it again and start a new job from its page.");
  const retry = await startJob({ kind: job.kind, sourceId: job.sourceId, requestedById: user.id, params: (job.params ?? {}) as Record<string, unknown> });
  await addJobEvent(job.id, "info", `${RETRIED_AS}${retry.id} by ${user.email}`, { retriedAsJobId: retry.id });
  await addJobEvent(retry.id, "info", `Retry of job ${job.id}, which ${job.status.toLowerCase()}${job.error ? `: ${job.error}` : ""}`, { retryOfJobId: job.id });
  await audit({ action: "job.retried", targetType: "job", targetId: job.id, details: { kind: job.kind, newJobId: retry.id, sourceId: job.sourceId } });
  revalidatePath("/jobs");
  return { jobId: retry.id };
});
