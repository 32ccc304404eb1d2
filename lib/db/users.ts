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
 * The account an identity-provider sign-in lands in: the one with that e-mail, or a new one with `role`. An e-mail the
 * provider has not verified never lands in an account that has a password (anyone could claim the first admin's
 * address at a provider that lets people register): null then.
 */
export async function oidcAccount(email: string, name: string, role: Role, emailVerified: boolean) {
  const normalised = normaliseEmail(email);
  const existing = await db().user.findUnique({ where: { email: normalised } });
  if (existing) return existing.passwordHash && !emailVerified ? null : { user: existing, created: false };
  const user = await db().user.upsert({ where: { email: normalised }, update: {}, create: { email: normalised, name: name || normalised, role, passwordHash: null } });
  return { user, created: true };
}
