// Forget: apply a retention policy to each source's snapshots and delete the manifests it does not keep
// (then, with prune, the chunks nothing kept needs any more).
import type { Manifest } from "../repository/manifest";
import type { Repository } from "../repository/repository";
import { prune, type PruneResult } from "./prune";
import { applyRetentions, type NamedRetention, type RetentionPolicy } from "./retention";

export interface ForgetOptions {
  /** One policy, or several (a snapshot is kept when any keeps it) as `policies`. */
  policy?: Partial<RetentionPolicy>;
  policies?: NamedRetention[];
  /** Only this source's snapshots (its identity); all sources, each on its own, when absent. */
  sourceIdentity?: string;
  /** Snapshot ids that are never forgotten (pinned in the dashboard). */
  pinned?: Set<string>;
  timeZone?: string;
  dryRun?: boolean;
  prune?: boolean;
  signal?: AbortSignal;
}

export interface ForgetResult {
  kept: { id: string; source: string; createdAt: string; reasons: string[] }[];
  forgotten: { id: string; source: string; createdAt: string }[];
  prune: PruneResult | null;
  dryRun: boolean;
}

export async function forget(repo: Repository, options: ForgetOptions): Promise<ForgetResult> {
  const all = await repo.listSnapshots();
  const bySource = new Map<string, Manifest[]>();
  for (const m of all) {
    if (options.sourceIdentity && m.source.identity !== options.sourceIdentity) continue;
    bySource.set(m.source.identity, [...(bySource.get(m.source.identity) ?? []), m]);
  }
  const result: ForgetResult = { kept: [], forgotten: [], prune: null, dryRun: Boolean(options.dryRun) };
  for (const [source, manifests] of bySource) {
    const byId = new Map(manifests.map((m) => [m.id, m]));
    const decision = applyRetentions(
      manifests.map((m) => ({ id: m.id, time: new Date(m.consistentAt), pinned: options.pinned?.has(m.id) })),
      options.policies ?? [{ name: "policy", policy: options.policy ?? {}, timeZone: options.timeZone }],
    );
    for (const k of decision.keep) result.kept.push({ id: k.id, source, createdAt: byId.get(k.id)!.consistentAt, reasons: k.reasons });
    for (const id of decision.forget) result.forgotten.push({ id, source, createdAt: byId.get(id)!.consistentAt });
  }
  if (!options.dryRun) for (const f of result.forgotten) await repo.deleteSnapshot(f.id);
  if (options.prune) {
    const ignoring = new Set(result.forgotten.map((f) => f.id));
    result.prune = await prune(repo, { dryRun: options.dryRun, signal: options.signal, ignoring });
  }
  return result;
}
