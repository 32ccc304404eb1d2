// Waiting on Job rows in integration tests: polls until the job reaches one of the statuses, or fails the test.
import { getJob } from "../../lib/db/jobs";

export const FINISHED = ["SUCCEEDED", "FAILED", "CANCELLED"];

export async function waitForJob(jobId: string, statuses = FINISHED, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob(jobId);
    if (job && statuses.includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} is still ${job?.status} after ${timeoutMs} ms, not ${statuses.join("/")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
