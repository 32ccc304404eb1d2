// Inputs of the user-management actions.
import { z } from "zod";
import { ROLES } from "../auth/roles";

export const createUserInput = z.object({
  email: z.email("Enter a valid e-mail address.").max(254),
  name: z.string().trim().min(1, "Enter a name.").max(100),
  role: z.enum(ROLES),
  /** Empty: a random password is generated and shown once. */
  password: z.union([z.literal(""), z.string().min(10, "Passwords need at least 10 characters.").max(200)]).optional(),
});

export const setRoleInput = z.object({ userId: z.string().min(1), role: z.enum(ROLES) });
export const setDisabledInput = z.object({ userId: z.string().min(1), disabled: z.boolean() });

export type CreateUserInput = z.infer<typeof createUserInput>;
