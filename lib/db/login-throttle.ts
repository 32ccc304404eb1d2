// Slows and then refuses repeated failed sign-ins for one e-mail address, whether or not it exists.
//
// Every attempt is counted BEFORE its password is checked, in one atomic UPDATE, so a burst of parallel guesses gets
// no more checks than LOGIN_MAX_FAILURES: checking first and counting after would let every request of the burst
// through the lock test. A successful sign-in clears the count; failures older than the lock period no longer count.
import { env } from "../env";
import { db } from "./client";

export type Attempt = { allowed: true; delayMs: number } | { allowed: false; lockedUntil: Date; justLocked: boolean };

/** Counts this attempt; refuses it while the address is locked or when it would exceed the limit (which locks it). */
export async function reserveAttempt(key: string, now = new Date()): Promise<Attempt> {
  const { LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES } = env();
  const windowStart = new Date(now.getTime() - LOGIN_LOCK_MINUTES * 60_000);
  const lockUntil = new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000);
  // One statement: insert or count, and lock once the limit is passed; the row lock serialises concurrent attempts.
  const [row] = await db().$queryRaw<{ failures: number; lockedUntil: Date | null; locked: boolean }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "lastFailAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE
        WHEN "LoginThrottle"."lockedUntil" > ${now} THEN "LoginThrottle"."failures"
        WHEN "LoginThrottle"."lastFailAt" < ${windowStart} OR "LoginThrottle"."lockedUntil" IS NOT NULL THEN 1
        ELSE "LoginThrottle"."failures" + 1 END,
      "lastFailAt" = CASE WHEN "LoginThrottle"."lockedUntil" > ${now} THEN "LoginThrottle"."lastFailAt" ELSE ${now} END,
      "lockedUntil" = CASE
        WHEN "LoginThrottle"."lockedUntil" > ${now} THEN "LoginThrottle"."lockedUntil"
        WHEN "LoginThrottle"."lastFailAt" >= ${windowStart} AND "LoginThrottle"."lockedUntil" IS NULL
             AND "LoginThrottle"."failures" + 1 > ${LOGIN_MAX_FAILURES} THEN ${lockUntil}
        ELSE NULL END
    RETURNING "failures", "lockedUntil", ("lockedUntil" IS NOT NULL AND "lockedUntil" > ${now}) AS "locked"`;
  if (row.locked && row.lockedUntil) return { allowed: false, lockedUntil: row.lockedUntil, justLocked: row.lockedUntil.getTime() === lockUntil.getTime() };
  const before = row.failures - 1; // failed attempts before this one
  return { allowed: true, delayMs: before >= 2 ? Math.min(250 * 2 ** (before - 2), 4000) : 0 };
}

/** After a failed check: locks the address at once when this attempt was the last one allowed. */
export async function recordFailure(key: string, now = new Date()): Promise<Date | null> {
  const { LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES } = env();
  const lockedUntil = new Date(now.getTime() + LOGIN_LOCK_MINUTES * 60_000);
  const locked = await db().loginThrottle.updateMany({
    where: { key, failures: { gte: LOGIN_MAX_FAILURES }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil },
  });
  return locked.count ? lockedUntil : null;
}

export async function clearFailures(key: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key } });
}

/** Forgets counts nobody has added to for a day (unknown addresses would otherwise pile up); returns how many. */
export async function expireLoginThrottles(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - 24 * 3_600_000);
  const r = await db().loginThrottle.deleteMany({ where: { lastFailAt: { lt: before }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] } });
  return r.count;
}
