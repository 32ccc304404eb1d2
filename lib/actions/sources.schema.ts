// Inputs of the source actions: one connection shape per engine (lib/sources/connection.ts), a name, a storage target.
import { z } from "zod";
import { connectionFields, ENGINES } from "../sources/connection";

const name = z.string().trim().min(1, "Give the source a name").max(80, "Keep the name under 80 characters");

export const sourceInput = z.object({
  name,
  engine: z.enum(ENGINES),
  connection: connectionFields,
  storageTargetId: z.string().min(1).nullable().default(null),
});

export const updateSourceInput = sourceInput.extend({ id: z.string().min(1) });

export const testConnectionInput = z.object({
  engine: z.enum(ENGINES),
  connection: connectionFields,
  /** When editing: the stored password fills an empty password field. */
  sourceId: z.string().min(1).optional(),
});

export const deleteSourceInput = z.object({ id: z.string().min(1), confirmName: z.string() });
