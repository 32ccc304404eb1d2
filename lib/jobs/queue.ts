// The only place a PgBoss is built: the job queue lives in the metadata database, schema "pgboss".
import { PgBoss } from "pg-boss";
import { JOB_QUEUE, JOB_QUEUE_OPTIONS } from "./definitions";

export function createBoss(connectionString: string, role: "worker" | "producer", options: { scheduleCheckSeconds?: number } = {}): PgBoss {
  return new PgBoss({
    connectionString,
    schema: "pgboss",
    application_name: `tidemark-${role}`,
    // Only workers run maintenance and fire schedules; the web app just sends jobs.
    supervise: role === "worker",
    schedule: role === "worker",
    max: role === "worker" ? 4 : 2,
    ...(options.scheduleCheckSeconds ? { cronMonitorIntervalSeconds: options.scheduleCheckSeconds, cronWorkerIntervalSeconds: options.scheduleCheckSeconds } : {}),
  });
}

export async function ensureQueues(boss: PgBoss): Promise<void> {
  const existing = await boss.getQueue(JOB_QUEUE);
  if (!existing) await boss.createQueue(JOB_QUEUE, { ...JOB_QUEUE_OPTIONS });
  else if (existing.heartbeatSeconds !== JOB_QUEUE_OPTIONS.heartbeatSeconds || existing.expireInSeconds !== JOB_QUEUE_OPTIONS.expireInSeconds) {
    const { heartbeatSeconds: _fixedAtCreation, ...updatable } = JOB_QUEUE_OPTIONS;
    await boss.updateQueue(JOB_QUEUE, updatable);
  }
}
