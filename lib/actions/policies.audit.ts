// What a policy audit event records: every setting, before → after, so lowering retention or dropping a copy or an
// alert shows in the audit log exactly. Pure; lib/actions/policies.ts calls it.

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** The audited settings of a policy row (or of what an action is about to write). */
export interface PolicySettings {
  name: string;
  enabled: boolean;
  cron: string;
  timezone: string;
  backupType: string;
  tablesInclude: string[];
  tablesExclude: string[];
  retention: unknown;
  verifyAfter: boolean;
  rpoMinutes: number | null;
  copyToStorageTargetId: string | null;
  notifyChannelIds: string[];
  drillCron: string | null;
  drillFromCopy: boolean;
  drillOnSourceId: string | null;
}

const FIELDS = ["name", "enabled", "cron", "timezone", "backupType", "tablesInclude", "tablesExclude", "retention", "verifyAfter", "rpoMinutes", "copyToStorageTargetId", "notifyChannelIds", "drillCron", "drillFromCopy", "drillOnSourceId"] as const;

/** Retention with every rule present (0 = rule off), so "daily 30 → 7" and "weekly 4 → (none)" both read plainly. */
function retentionOf(r: unknown): Record<string, number> {
  const src = r && typeof r === "object" ? (r as Record<string, unknown>) : {};
  const out: Record<string, number> = {};
  for (const k of ["last", "hourly", "daily", "weekly", "monthly", "yearly"]) out[k] = Number(src[k] ?? 0) || 0;
  return out;
}

export function policySnapshot(p: PolicySettings): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const f of FIELDS) out[f] = f === "retention" ? retentionOf(p.retention) : f === "notifyChannelIds" || f.startsWith("tables") ? [...(p[f] as string[])].sort() : (p[f] as Json);
  return out;
}

/** Every setting with its value before and after; `changed` lists those that differ (empty: a save without changes). */
/** `retentionReduced` flags the destructive kind of change: any keep count lowered (the next prune forgets more). */
export function policyChanges(before: PolicySettings, after: PolicySettings) {
  const b = policySnapshot(before);
  const a = policySnapshot(after);
  const changed = FIELDS.filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]));
  const rb = retentionOf(before.retention);
  const ra = retentionOf(after.retention);
  // A rule switched on where there was none (0 → n) starts limiting what is kept, so it counts as reducing too.
  const hadRules = Object.values(rb).some((n) => n > 0);
  const retentionReduced = Object.keys(ra).some((k) => (rb[k] > 0 && ra[k] < rb[k]) || (!hadRules && ra[k] > 0));
  return { changed: [...changed], retentionReduced, before: b, after: a };
}
