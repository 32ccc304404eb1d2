// Slows and then refuses repeated failed sign-ins for one e-mail address, whether or not it exists.
import { env } from "../env";
import { db } from "./client";

export interface ThrottleState {
  lockedUntil: Date | null;
  /** How long to hold this attempt before answering, growing with each failure. */
  delayMs: number;
}

export async function throttleState(key: string, now = new Date()): Promise<ThrottleState> {
  const row = await db().loginThrottle.findUnique({ where: { key } });
  if (!row) return { lockedUntil: null, delayMs: 0 };
  const lockedUntil = row.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
  const delayMs = row.failures >= 2 ? Math.min(250 * 2 ** (row.failures - 2), 4000) : 0;
  return { lockedUntil, delayMs };
}

/** Counts a failure; returns the lock end when this failure reached the limit. */
export async function recordFailure(key: string, now = new Date()): Promise<Date | null> {
  const { LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES } = env();
  const row = await db().loginThrottle.upsert({
    where: { key },
    update: { failures: { increment: 1 }, lastFailAt: now },
    create: { key, failures: 1, lastFailAt: now },
  });
  if (row.failures >= LOGIN_MAX_FAILURES) {
    const lockedUntil = new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000);
    await db().loginThrottle.update({ where: { key }, data: { lockedUntil, failures: 0 } });
    return lockedUntil;
  }
  return null;
}

export async function clearFailures(key: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key } });
}
