"use server";
// Operators create, change and delete a source's backup policies; the worker picks schedule changes up within a minute.
import { revalidatePath } from "next/cache";
import { createPolicy, deletePolicy, getPolicy, policyDeletionImpact, policyReferenceErrors, updatePolicy, type PolicyInput } from "../db/policies";
import { sourceName } from "../db/sources";
import { cronToWords } from "../cron-words";
import { Invalid, NotFound } from "../errors";
import { countOf, formatUtc } from "../format";
import { nextRuns, schedulerAccepts } from "../jobs/cron";
import { operatorAction, userAction } from "./client";
import { policyChanges, policySnapshot } from "./policies.audit";
import { createPolicyInput, deletePolicyInput, previewCronInput, updatePolicyInput } from "./policies.schema";
import type { z } from "zod";

type Fields = z.infer<typeof createPolicyInput>;

async function toRow(input: Fields): Promise<PolicyInput> {
  const errors = await policyReferenceErrors(input);
  const first = Object.values(errors)[0];
  if (first) throw new Invalid(first, errors);
  const { sourceId, name, enabled, cron, timezone, backupType, tablesInclude, tablesExclude, retention, verifyAfter, rpoMinutes, copyToStorageTargetId, notifyChannelIds, drillCron, drillFromCopy, drillOnSourceId } = input;
  return { sourceId, name, enabled, cron, timezone, backupType, tablesInclude, tablesExclude, retention, verifyAfter, rpoMinutes, copyToStorageTargetId, notifyChannelIds, drillCron, drillFromCopy, drillOnSourceId: drillOnSourceId === sourceId ? null : drillOnSourceId };
}

export const createPolicyAction = operatorAction(createPolicyInput, async ({ input, audit }) => {
  const source = await sourceName(input.sourceId);
  if (!source) throw new NotFound("That data source no longer exists.");
  const policy = await createPolicy(await toRow(input));
  await audit({ action: "policy.created", targetType: "policy", targetId: policy.id, details: { source: source.name, settings: policySnapshot(policy) } });
  revalidatePath(`/sources/${source.id}`);
  return { id: policy.id };
});

export const updatePolicyAction = operatorAction(updatePolicyInput, async ({ input, audit }) => {
  const existing = await getPolicy(input.id);
  if (!existing || existing.sourceId !== input.sourceId) throw new NotFound("That policy no longer exists.");
  const source = await sourceName(input.sourceId);
  if (!source) throw new NotFound("That data source no longer exists.");
  const row = await toRow(input);
  const updated = await updatePolicy(input.id, row);
  await audit({ action: "policy.updated", targetType: "policy", targetId: input.id, details: { source: source.name, ...policyChanges(existing, updated) } });
  revalidatePath(`/sources/${input.sourceId}`);
  return { id: input.id };
});

export const deletePolicyAction = operatorAction(deletePolicyInput, async ({ input, audit }) => {
  const existing = await getPolicy(input.id);
  if (!existing) throw new NotFound("That policy no longer exists.");
  // The source's prune keeps what ANY of its policies keeps: without this one, the others' retention may forget backups.
  const impact = await policyDeletionImpact(input.id);
  if (impact.released && input.confirmName !== existing.name) {
    const span = !impact.oldest || !impact.newest ? "" : impact.oldest.getTime() === impact.newest.getTime() ? ` (consistent at ${formatUtc(impact.oldest)})` : ` (consistent between ${formatUtc(impact.oldest)} and ${formatUtc(impact.newest)})`;
    throw new Invalid(
      `Only "${existing.name}" keeps ${countOf(impact.released, "backup")} of this source${span}: once it is deleted, the next prune of the remaining policies forgets ${impact.released === 1 ? "it" : "them"}. Pin the ones to keep, or type the policy's name to delete it anyway.`,
      { confirmName: "required" },
    );
  }
  await deletePolicy(input.id);
  await audit({ action: "policy.deleted", targetType: "policy", targetId: input.id, details: { sourceId: existing.sourceId, settings: policySnapshot(existing), backupsReleased: impact.released } });
  revalidatePath(`/sources/${existing.sourceId}`);
  return { id: input.id };
});

/** The words and next runs of a schedule, computed by the same croner code the worker's schedules use. Read-only. */
export const previewCronAction = userAction(previewCronInput, async ({ input }) => {
  const r = nextRuns(input.cron, input.timezone, 5);
  if ("error" in r) return { ok: false as const, error: r.error };
  if (!schedulerAccepts(input.cron, input.timezone)) return { ok: false as const, error: `Invalid schedule "${input.cron}": the scheduler does not accept this pattern (use five plain fields)` };
  return { ok: true as const, words: cronToWords(input.cron), runs: r.runs.map((d) => d.toISOString()) };
});
