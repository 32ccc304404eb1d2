// Password sign-in: throttling, verification and the audit trail, independent of next-auth so it can be tested alone.
import { recordAudit } from "../db/audit";
import { clearFailures, recordFailure, throttleState } from "../db/login-throttle";
import { findUserForLogin, normaliseEmail, recordLogin } from "../db/users";
import { TooManyAttempts, Unauthenticated } from "../errors";
import { verifyPassword } from "./password";
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

export async function signInWithPassword(emailInput: string, password: string, ip: string | null): Promise<SignedInUser> {
  const email = normaliseEmail(emailInput);
  const state = await throttleState(email);
  if (state.lockedUntil) {
    await recordAudit({ id: null, email }, { action: "auth.sign_in_refused", ip, details: { reason: "locked" } });
    throw new TooManyAttempts(`Too many failed sign-ins for ${email}. Try again in ${minutesUntil(state.lockedUntil)} minute(s).`);
  }
  if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));

  const user = await findUserForLogin(email);
  const ok = user !== null && !user.disabled && (await verifyPassword(password, user.passwordHash));
  if (!ok || !user) {
    const lockedUntil = await recordFailure(email);
    const reason = !user ? "unknown user" : user.disabled ? "disabled" : "wrong password";
    await recordAudit({ id: user?.id ?? null, email }, { action: "auth.sign_in_failed", targetType: "user", targetId: user?.id, ip, details: { reason } });
    if (lockedUntil) throw new TooManyAttempts(`Too many failed sign-ins for ${email}. Try again in ${minutesUntil(lockedUntil)} minute(s).`);
    throw new Unauthenticated(user?.disabled ? "This account is disabled. Ask an admin to enable it." : WRONG);
  }
  await clearFailures(email);
  await recordLogin(user.id);
  await recordAudit({ id: user.id, email }, { action: "auth.sign_in", targetType: "user", targetId: user.id, ip, details: { method: "password", email } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
