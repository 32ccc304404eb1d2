// Users: lookups, creation and role/state changes. The only module that touches the User table.
import { Conflict, Invalid, NotFound } from "../errors";
import type { Role } from "../auth/roles";
import { db } from "./client";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
}

const publicFields = { id: true, email: true, name: true, role: true, disabled: true, lastLoginAt: true, createdAt: true } as const;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserForLogin(email: string) {
  return db().user.findUnique({ where: { email: normaliseEmail(email) } });
}

export async function getUser(id: string): Promise<UserRow | null> {
  return db().user.findUnique({ where: { id }, select: publicFields });
}

export async function listUsers(): Promise<UserRow[]> {
  return db().user.findMany({ select: publicFields, orderBy: [{ disabled: "asc" }, { email: "asc" }] });
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}

export async function createUser(input: { email: string; name: string; role: Role; passwordHash: string | null }): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  const existing = await db().user.findUnique({ where: { email } });
  if (existing) throw new Conflict(`A user with the e-mail ${email} already exists.`);
  return db().user.create({ data: { ...input, email }, select: publicFields });
}

/** Refuses a change that would leave no enabled admin: someone must always be able to manage Tidemark. */
async function assertAdminRemains(userId: string, next: { role?: Role; disabled?: boolean }) {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFound("That user does not exist.");
  const staysAdmin = (next.role ?? user.role) === "ADMIN" && !(next.disabled ?? user.disabled);
  if (user.role === "ADMIN" && !user.disabled && !staysAdmin) {
    const others = await db().user.count({ where: { role: "ADMIN", disabled: false, id: { not: userId } } });
    if (others === 0) throw new Invalid("This is the only enabled admin. Make another user an admin first.");
  }
  return user;
}

export async function setUserRole(userId: string, role: Role): Promise<UserRow> {
  await assertAdminRemains(userId, { role });
  return db().user.update({ where: { id: userId }, data: { role }, select: publicFields });
}

export async function setUserDisabled(userId: string, disabled: boolean): Promise<UserRow> {
  await assertAdminRemains(userId, { disabled });
  return db().user.update({ where: { id: userId }, data: { disabled }, select: publicFields });
}

export async function recordLogin(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
}

/** Finds the user an OIDC sign-in belongs to, creating it with the default role on first sign-in. */
/**
 * The account an identity-provider sign-in lands in, or null when it may not land anywhere. Accounts are bound to the
 * provider account ("issuer|subject") that first signed in to them, and later sign-ins must come from it: an e-mail
 * claim alone is not proof (a provider may let people register or change their address unverified, and Entra ID
 * sends no email_verified claim). An unbound existing account is bound when the provider verified the address, or
 * when it has no password (made for single sign-on); one with a password needs a verified address.
 */
export async function oidcAccount(email: string, name: string, role: Role, emailVerified: boolean, subject: string) {
  const bound = await db().user.findUnique({ where: { oidcSubject: subject } });
  if (bound) return { user: bound, created: false };
  const normalised = normaliseEmail(email);
  const existing = await db().user.findUnique({ where: { email: normalised } });
  if (existing) {
    if (existing.oidcSubject || (existing.passwordHash && !emailVerified)) return null;
    const { count } = await db().user.updateMany({ where: { id: existing.id, oidcSubject: null }, data: { oidcSubject: subject } });
    return count ? { user: { ...existing, oidcSubject: subject }, created: false } : null;
  }
  const user = await db().user.create({ data: { email: normalised, name: name || normalised, role, passwordHash: null, oidcSubject: subject } });
  return { user, created: true };
}
