// The audit log: who did what to which target, when and from where. Written for every change.
import type { Prisma } from "./generated/client";
import { db } from "./client";

export interface AuditActor {
  id: string | null;
  email: string | null;
}

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(actor: AuditActor, event: AuditInput): Promise<void> {
  await db().auditEvent.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.ip ?? null,
      details: (event.details ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  since?: Date;
  until?: Date;
  /** Keyset paging: events with a smaller id than this. */
  before?: bigint;
  limit?: number;
}

export async function listAudit(filter: AuditFilter = {}) {
  const limit = Math.min(filter.limit ?? 50, 200);
  const where: Prisma.AuditEventWhereInput = {
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.actor ? { actorEmail: { contains: filter.actor, mode: "insensitive" } } : {}),
    ...(filter.since || filter.until ? { at: { ...(filter.since ? { gte: filter.since } : {}), ...(filter.until ? { lte: filter.until } : {}) } } : {}),
    ...(filter.before ? { id: { lt: filter.before } } : {}),
  };
  const rows = await db().auditEvent.findMany({ where, orderBy: { id: "desc" }, take: limit + 1 });
  return { events: rows.slice(0, limit), nextBefore: rows.length > limit ? rows[limit - 1].id : null };
}

export async function listAuditActions(): Promise<string[]> {
  const rows = await db().auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
