// Liveness for load balancers and people: is the metadata database reachable, and how many workers are alive?
// Which hosts and processes they are is for signed-in users only.
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { HEARTBEAT_GRACE_MS, liveWorkers, pingDatabase } from "@/lib/db/workers";

export const dynamic = "force-dynamic";

export async function GET() {
  let database: { ok: boolean; error?: string } = { ok: true };
  try {
    await pingDatabase();
  } catch {
    database = { ok: false, error: "The metadata database does not answer." };
  }
  const workers = database.ok ? await liveWorkers().catch(() => []) : [];
  const signedIn = database.ok && (await currentUser().catch(() => null)) !== null;
  const body = {
    status: database.ok && workers.length > 0 ? "ok" : database.ok ? "degraded" : "down",
    database,
    worker: {
      ok: workers.length > 0,
      count: workers.length,
      graceSeconds: HEARTBEAT_GRACE_MS / 1000,
      ...(signedIn ? { workers: workers.map((w) => ({ id: w.id, host: w.host, pid: w.pid, lastSeenAt: w.lastSeenAt.toISOString() })) } : {}),
      ...(workers.length === 0 ? { hint: "No worker has sent a heartbeat recently: start one with `npm run worker`." } : {}),
    },
  };
  return NextResponse.json(body, { status: database.ok ? 200 : 503 });
}
