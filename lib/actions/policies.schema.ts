// Inputs of the policy actions: schedule (cron + time zone), what to back up, retention, verification, RPO, copy, alerts.
import { z } from "zod";
import { isValidCron } from "../jobs/cron";

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const keep = z.coerce.number().int().min(0, "Keep counts are 0 or more").max(100_000);
const tableList = z.array(z.string().trim().min(1).max(255)).max(1000).default([]);

export const policyFields = z
  .object({
    sourceId: z.string().min(1),
    name: z.string().trim().min(1, "Give the policy a name").max(80),
    enabled: z.boolean().default(true),
    cron: z.string().trim().min(1, "Enter a schedule"),
    timezone: z.string().trim().min(1).default("UTC").refine(isTimeZone, "Unknown time zone: use an IANA name such as UTC or Europe/Paris"),
    backupType: z.enum(["FULL", "DIFFERENTIAL", "INCREMENTAL"]),
    tablesInclude: tableList,
    tablesExclude: tableList,
    retention: z.object({ last: keep, hourly: keep, daily: keep, weekly: keep, monthly: keep, yearly: keep }),
    verifyAfter: z.boolean().default(true),
    rpoMinutes: z.coerce.number().int().min(1, "RPO is at least 1 minute").max(525_600).nullable().default(null),
    copyToStorageTargetId: z.string().min(1).nullable().default(null),
    notifyChannelIds: z.array(z.string().min(1)).max(50).default([]),
    /** Empty or absent: no scheduled drill. */
    drillCron: z.string().trim().max(200).nullable().default(null).transform((v) => v || null),
    drillFromCopy: z.boolean().default(false),
    /** Another source whose server hosts the drills' scratch databases; null: the policy's own source's server. */
    drillOnSourceId: z.string().min(1).nullable().default(null),
  })
  .refine((p) => isValidCron(p.cron, p.timezone), { path: ["cron"], message: "That schedule is not a valid cron expression (minute hour day-of-month month day-of-week)" })
  .refine((p) => !(p.tablesInclude.length && p.tablesExclude.length), { path: ["tablesExclude"], message: "Either list the tables to include or those to exclude, not both" })
  .refine((p) => p.drillCron === null || isValidCron(p.drillCron, p.timezone), { path: ["drillCron"], message: "That drill schedule is not a valid cron expression (minute hour day-of-month month day-of-week)" })
  .refine((p) => !p.drillFromCopy || (p.drillCron !== null && p.copyToStorageTargetId !== null), {
    path: ["drillFromCopy"],
    message: "Drilling the copy needs both a drill schedule and a storage target to copy each backup to",
  });

export const createPolicyInput = policyFields;
export const updatePolicyInput = z.intersection(policyFields, z.object({ id: z.string().min(1) }));
/** `confirmName` (the policy's name) is required when deleting it lets the remaining policies forget backups. */
export const deletePolicyInput = z.object({ id: z.string().min(1), confirmName: z.string().max(200).optional() });
export const previewCronInput = z.object({ cron: z.string().max(200), timezone: z.string().max(64).default("UTC") });
