// Worker heartbeats: each worker process refreshes its row; a row older than the grace means the worker is gone.
import { db } from "./client";

export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_GRACE_MS = 30_000;

export async function beat(id: string, host: string, pid: number): Promise<void> {
  const now = new Date();
  await db().workerHeartbeat.upsert({ where: { id }, update: { lastSeenAt: now }, create: { id, host, pid, startedAt: now, lastSeenAt: now } });
}

export async function removeWorker(id: string): Promise<void> {
  await db().workerHeartbeat.deleteMany({ where: { id } });
}

export async function liveWorkers(now = new Date()) {
  return db().workerHeartbeat.findMany({
    where: { lastSeenAt: { gte: new Date(now.getTime() - HEARTBEAT_GRACE_MS) } },
    orderBy: { startedAt: "asc" },
  });
}

export async function pingDatabase(): Promise<void> {
  await db().$queryRaw`SELECT 1`;
}
