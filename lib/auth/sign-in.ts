// Password sign-in: throttling, verification and the audit trail, independent of next-auth so it can be tested alone.
import { recordAudit } from "../db/audit";
import { clearFailures, recordFailure, reserveAttempt } from "../db/login-throttle";
import { findUserForLogin, normaliseEmail, recordLogin } from "../db/users";
import { TooManyAttempts, Unauthenticated } from "../errors";
import { hashPassword, randomPassword, verifyPassword } from "./password";
import type { Role } from "./roles";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const WRONG = "Wrong e-mail or password.";

function minutesUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 60_000));
}

/** Checked when the e-mail is unknown, so that an unknown address answers as slowly as a known one. */
let dummyHash: Promise<string> | null = null;

export async function signInWithPassword(emailInput: string, password: string, ip: string | null): Promise<SignedInUser> {
  const email = normaliseEmail(emailInput);
  // Counted before the password is checked (one atomic statement), so parallel guesses cannot slip past the lock.
  const attempt = await reserveAttempt(email);
  if (!attempt.allowed) {
    await recordAudit({ id: null, email }, { action: "auth.sign_in_refused", ip, details: { reason: attempt.justLocked ? "too many attempts" : "locked" } });
    throw new TooManyAttempts(`Too many failed sign-ins for ${email}. Try again in ${minutesUntil(attempt.lockedUntil)} minute(s).`);
  }
  if (attempt.delayMs > 0) await new Promise((r) => setTimeout(r, attempt.delayMs));

  const user = await findUserForLogin(email);
  dummyHash ??= hashPassword(randomPassword());
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  const ok = user !== null && Boolean(user.passwordHash) && passwordOk && !user.disabled;
  if (!ok || !user) {
    const lockedUntil = await recordFailure(email);
    const reason = !user ? "unknown user" : !passwordOk ? "wrong password" : "disabled";
    await recordAudit({ id: user?.id ?? null, email }, { action: "auth.sign_in_failed", targetType: "user", targetId: user?.id, ip, details: { reason } });
    if (lockedUntil) throw new TooManyAttempts(`Too many failed sign-ins for ${email}. Try again in ${minutesUntil(lockedUntil)} minute(s).`);
    // "Disabled" only to someone who knows the password: otherwise it would tell that the address exists.
    throw new Unauthenticated(user?.disabled && passwordOk ? "This account is disabled. Ask an admin to enable it." : WRONG);
  }
  await clearFailures(email);
  await recordLogin(user.id);
  await recordAudit({ id: user.id, email }, { action: "auth.sign_in", targetType: "user", targetId: user.id, ip, details: { method: "password", email } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
