// Who is asking: the session's user reloaded from the database, so a disabled user or a changed role counts at once.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getUser, type UserRow } from "../db/users";
import { Forbidden, Unauthenticated } from "../errors";
import { authOptions } from "./options";
import { hasRole, type Role } from "./roles";

export async function currentUser(): Promise<UserRow | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await getUser(id);
  return user && !user.disabled ? user : null;
}

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<UserRow> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages: the user when their role suffices; otherwise the forbidden page. */
export async function requireRole(role: Role): Promise<UserRow> {
  const user = await requireUser();
  if (!hasRole(user.role, role)) redirect("/forbidden");
  return user;
}

/** For actions and route handlers: throws instead of redirecting. */
export async function authorize(role: Role): Promise<UserRow> {
  const user = await currentUser();
  if (!user) throw new Unauthenticated("Your session has ended. Sign in again.");
  if (!hasRole(user.role, role)) throw new Forbidden(`This needs the ${role.toLowerCase()} role; you are signed in as ${user.role.toLowerCase()}.`);
  return user;
}
