"use server";
// Settings → Users: admins create users, change roles and disable accounts.
import { revalidatePath } from "next/cache";
import { hashPassword, randomPassword } from "../auth/password";
import { createUser, setUserDisabled, setUserRole } from "../db/users";
import { Invalid } from "../errors";
import { adminAction } from "./client";
import { createUserInput, setDisabledInput, setRoleInput } from "./users.schema";

export const createUserAction = adminAction(createUserInput, async ({ input, audit }) => {
  const generated = input.password ? null : randomPassword();
  const user = await createUser({
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password || generated!),
  });
  await audit({ action: "user.created", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role } });
  revalidatePath("/settings/users");
  return { id: user.id, email: user.email, generatedPassword: generated };
});

export const setUserRoleAction = adminAction(setRoleInput, async ({ input, audit }) => {
  const user = await setUserRole(input.userId, input.role);
  await audit({ action: "user.role_changed", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role } });
  revalidatePath("/settings/users");
  return { id: user.id, role: user.role };
});

export const setUserDisabledAction = adminAction(setDisabledInput, async ({ user: actor, input, audit }) => {
  if (input.userId === actor.id && input.disabled) throw new Invalid("You cannot disable your own account.");
  const user = await setUserDisabled(input.userId, input.disabled);
  await audit({ action: input.disabled ? "user.disabled" : "user.enabled", targetType: "user", targetId: user.id, details: { email: user.email } });
  revalidatePath("/settings/users");
  return { id: user.id, disabled: user.disabled };
});
