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
