// The action clients every mutation goes through: session, role check, zod validation, one result shape, audit IP.
import { randomBytes } from "node:crypto";
import { headers } from "next/headers";
import { z } from "zod";
import { clientIpFrom } from "../auth/client-ip";
import { authorize } from "../auth/session";
import type { Role } from "../auth/roles";
import { recordAudit, type AuditInput } from "../db/audit";
import type { UserRow } from "../db/users";
import { AppError, Invalid } from "../errors";

export type ActionError = { code: string; message: string; fields?: Record<string, string> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export interface ActionContext<I> {
  user: UserRow;
  input: I;
  /** Records an audit event as this user, from this request's address. */
  audit: (event: AuditInput) => Promise<void>;
}

async function requestIp(): Promise<string | null> {
  try {
    const h = await headers();
    return clientIpFrom((name) => h.get(name));
  } catch {
    return null;
  }
}

function toActionError(error: unknown): ActionError {
  if (error instanceof Invalid) return { code: error.code, message: error.message, fields: error.fields };
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const ref = randomBytes(4).toString("hex");
  console.error(`[action] unexpected error ref=${ref}`, error);
  return { code: "unexpected", message: `Unexpected error (ref ${ref}). The server log has the details.` };
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
  return fields;
}

function actionClient(role: Role) {
  return <S extends z.ZodType, T>(schema: S, handler: (ctx: ActionContext<z.infer<S>>) => Promise<T>) =>
    async (raw: z.input<S>): Promise<ActionResult<T>> => {
      try {
        const user = await authorize(role);
        const parsed = schema.safeParse(raw);
        if (!parsed.success) {
          const fields = fieldErrors(parsed.error);
          throw new Invalid(`Check the form: ${Object.values(fields)[0]}`, fields);
        }
        const ip = await requestIp();
        const audit = (event: AuditInput) => recordAudit({ id: user.id, email: user.email }, { ip, ...event });
        return { ok: true, data: await handler({ user, input: parsed.data, audit }) };
      } catch (error) {
        return { ok: false, error: toActionError(error) };
      }
    };
}

export const userAction = actionClient("VIEWER");
export const operatorAction = actionClient("OPERATOR");
export const adminAction = actionClient("ADMIN");
