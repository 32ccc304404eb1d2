// Backup policies: schedule, type, tables, retention, verification, drills and RPO per source.
import { applyRetentions, retentionPolicy, type NamedRetention } from "../backup/retention";
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

/** Why a source cannot host another source's drills, or null when it can (same engine, a server, not itself). */
export function drillServerError(server: { name: string; engine: string } | null, sourceEngine: string | undefined, same: boolean): string | null {
  if (!server) return "The source to drill on no longer exists: pick another.";
  if (same) return null;
  if (server.engine === "SQLITE" || sourceEngine === "SQLITE") return "SQLite drills restore into a temporary file on the worker: there is no other server to drill on.";
  if (server.engine !== sourceEngine) return `${server.name} runs another database engine: a drill restores into the engine of the source it drills.`;
  return null;
}

/** Looks up a source chosen to host `sourceId`'s drills: its name, or why it cannot host them (drillServerError). */
export async function checkDrillServer(serverId: string, sourceId: string): Promise<{ name: string; error: null } | { name: null; error: string }> {
  const [server, source] = await Promise.all([
    db().dataSource.findUnique({ where: { id: serverId }, select: { name: true, engine: true } }),
    db().dataSource.findUnique({ where: { id: sourceId }, select: { engine: true } }),
  ]);
  const error = drillServerError(server, source?.engine, serverId === sourceId);
  // drillServerError names a missing server itself.
  return server && !error ? { name: server.name, error: null } : { name: null, error: error! };
}

/** Sources of the same engine that can host this source's restore drills; null for SQLite (drills use a temporary file). */
export async function drillServersFor(sourceId: string): Promise<{ id: string; name: string }[] | null> {
  const source = await db().dataSource.findUnique({ where: { id: sourceId }, select: { engine: true } });
  if (!source || source.engine === "SQLITE") return null;
  return db().dataSource.findMany({ where: { engine: source.engine, id: { not: sourceId } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * What a policy names must exist: the copy-to target (and not be the source's own target: a copy there protects nothing)
 * and every notification channel. Field errors keyed like the form's inputs; empty when all is well.
 */
export async function policyReferenceErrors(input: {
  sourceId: string;
  copyToStorageTargetId: string | null;
  notifyChannelIds: string[];
  drillOnSourceId?: string | null;
}): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (input.drillOnSourceId) {
    const host = await checkDrillServer(input.drillOnSourceId, input.sourceId);
    if (host.error) errors.drillOnSourceId = host.error;
  }
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

/**
 * The retention rules a source's prune applies: those of all its policies (paused ones too: pausing a schedule must not
 * give up the backups it made); a policy without rules keeps everything.
 */
export function retentionsOf(policies: { name: string; retention: unknown; timezone: string }[]): NamedRetention[] {
  return policies.map((p) => ({ name: p.name, policy: retentionPolicy.partial().parse(p.retention ?? {}), timeZone: p.timezone }));
}

/**
 * What deleting a policy gives up: the source's completed backups that all its policies keep today but the remaining
 * ones would forget at their next prune (none when no policy remains: nothing prunes then).
 */
export async function policyDeletionImpact(policyId: string): Promise<{ released: number; oldest: Date | null; newest: Date | null }> {
  const none = { released: 0, oldest: null, newest: null };
  const policy = await db().policy.findUnique({ where: { id: policyId }, select: { sourceId: true } });
  if (!policy) return none;
  const [all, sets] = await Promise.all([
    listPolicies(policy.sourceId),
    // Pre-restore backups are outside the keep rules in the prune (kept by their own rule): no policy releases them.
    db().backupSet.findMany({ where: { sourceId: policy.sourceId, status: "COMPLETED", preRestore: false }, select: { id: true, consistentAt: true, startedAt: true, pinned: true } }),
  ]);
  const remaining = all.filter((p) => p.id !== policyId);
  if (!remaining.length) return none;
  const points = sets.map((s) => ({ id: s.id, time: s.consistentAt ?? s.startedAt, pinned: s.pinned }));
  const keptNow = new Set(applyRetentions(points, retentionsOf(all)).keep.map((k) => k.id));
  const keptAfter = new Set(applyRetentions(points, retentionsOf(remaining)).keep.map((k) => k.id));
  const released = points.filter((p) => keptNow.has(p.id) && !keptAfter.has(p.id)).map((p) => p.time.getTime());
  if (!released.length) return none;
  return { released: released.length, oldest: new Date(Math.min(...released)), newest: new Date(Math.max(...released)) };
}
