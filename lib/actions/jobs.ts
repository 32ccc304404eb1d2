"use server";
// Starting and cancelling jobs from the dashboard (operators and admins). The worker does the work.
import { revalidatePath } from "next/cache";
import { getJob, requestCancel } from "../db/jobs";
import { sourceName } from "../db/sources";
import { Invalid, NotFound } from "../errors";
import { startJob } from "../jobs/enqueue";
import { operatorAction } from "./client";
import { backUpNowInput, cancelJobInput } from "./jobs.schema";

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
