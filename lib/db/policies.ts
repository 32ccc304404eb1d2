// Backup policies: schedule, type, tables, retention, verification, drills and RPO per source.
import { db } from "./client";
import type { Prisma } from "./generated/client";

export async function listEnabledPolicies() {
  return db().policy.findMany({ where: { enabled: true }, orderBy: { createdAt: "asc" } });
}

export async function getPolicy(id: string) {
  return db().policy.findUnique({ where: { id } });
}

export async function listPolicies(sourceId: string) {
  return db().policy.findMany({ where: { sourceId }, orderBy: { createdAt: "asc" } });
}

export type PolicyInput = Omit<Prisma.PolicyUncheckedCreateInput, "id" | "createdAt" | "updatedAt">;

export async function createPolicy(input: PolicyInput) {
  return db().policy.create({ data: input });
}

export async function updatePolicy(id: string, input: Partial<PolicyInput>) {
  return db().policy.update({ where: { id }, data: input });
}

export async function deletePolicy(id: string) {
  return db().policy.delete({ where: { id } });
}

/**
 * What a policy names must exist: the copy-to target (and not be the source's own target: a copy there protects nothing)
 * and every notification channel. Field errors keyed like the form's inputs; empty when all is well.
 */
export async function policyReferenceErrors(input: { sourceId: string; copyToStorageTargetId: string | null; notifyChannelIds: string[] }): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (input.copyToStorageTargetId) {
    const [target, source] = await Promise.all([
      db().storageTarget.findUnique({ where: { id: input.copyToStorageTargetId }, select: { name: true } }),
      db().dataSource.findUnique({ where: { id: input.sourceId }, select: { storageTargetId: true } }),
    ]);
    if (!target) errors.copyToStorageTargetId = "The copy-to storage target no longer exists: pick another.";
    else if (source?.storageTargetId === input.copyToStorageTargetId) errors.copyToStorageTargetId = `Backups are already stored in ${target.name}: copy them to a different storage target.`;
  }
  const ids = [...new Set(input.notifyChannelIds)];
  if (ids.length) {
    const found = new Set((await db().notificationChannel.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((c) => c.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) errors.notifyChannelIds = `${missing.length} of the chosen notification channels no longer exist${missing.length === 1 ? "s" : ""}: reload the page and choose again.`;
  }
  return errors;
}
