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
  /**
   * Forget exactly these snapshots (ids or unique prefixes) instead of applying a policy: every manifest lists all
   * the chunks it needs, so the others stay restorable whatever is removed.
   */
  snapshots?: string[];
  /**
   * Snapshots the rules neither count nor keep: the automatic backups taken before in-place restores, often of a few
   * tables only, must not take a day's or month's slot from that period's complete backup. They are kept only while
   * `keepOutside` (or `pinned`) holds them; the others are forgotten.
   */
  outsideRules?: Set<string>;
  /** Of `outsideRules`, the ones still kept, with the reason said in the result. */
  keepOutside?: { ids: Set<string>; reason: string };
  /** Snapshot ids that are never forgotten (pinned in the dashboard). */
  pinned?: Set<string>;
  timeZone?: string;
  dryRun?: boolean;
  prune?: boolean;
  signal?: AbortSignal;
  /**
   * Called with the snapshots just forgotten, before the prune starts: a catalog removes its rows for them here, so
   * a prune that fails afterwards (or a cancel) never leaves it listing backups whose manifests are gone.
   */
  onForgotten?: (forgotten: ForgetResult["forgotten"]) => Promise<void>;
  /**
   * Read once the exclusive lock is held, so what a decision depends on (pinned and in-use backups, the policies'
   * rules) is current even when the lock took long to get; overrides the options of the same names.
   */
  current?: () => Promise<Pick<ForgetOptions, "pinned" | "outsideRules" | "keepOutside" | "policies">>;
}

export interface ForgetResult {
  kept: { id: string; source: string; createdAt: string; reasons: string[] }[];
  forgotten: { id: string; source: string; createdAt: string }[];
  prune: PruneResult | null;
  dryRun: boolean;
}

/**
 * Decides under the repository's exclusive lock (so no backup adds a snapshot meanwhile and no other prune runs), deletes
 * the forgotten manifests and, with `prune`, removes the chunks nothing kept needs, all under that one lock. A dry run
 * deletes nothing and takes the lock only for its prune.
 */
export async function forget(repo: Repository, options: ForgetOptions): Promise<ForgetResult> {
  const lock = options.dryRun ? null : await repo.lock("exclusive", options.prune ? "forget --prune" : "forget");
  try {
    return await decide(repo, options, lock !== null);
  } finally {
    await lock?.release();
  }
}

async function decide(repo: Repository, given: ForgetOptions, locked: boolean): Promise<ForgetResult> {
  const options = given.current ? { ...given, ...(await given.current()) } : given;
  const all = await repo.listSnapshots();
  if (options.snapshots) return forgetNamed(repo, all, options.snapshots, options, locked);
  const bySource = new Map<string, Manifest[]>();
  for (const m of all) {
    if (options.sourceIdentity && m.source.identity !== options.sourceIdentity) continue;
    bySource.set(m.source.identity, [...(bySource.get(m.source.identity) ?? []), m]);
  }
  const result: ForgetResult = { kept: [], forgotten: [], prune: null, dryRun: Boolean(options.dryRun) };
  for (const [source, manifests] of bySource) {
    const byId = new Map(manifests.map((m) => [m.id, m]));
    const outside = manifests.filter((m) => options.outsideRules?.has(m.id));
    const decision = applyRetentions(
      manifests.filter((m) => !options.outsideRules?.has(m.id)).map((m) => ({ id: m.id, time: new Date(m.consistentAt), pinned: options.pinned?.has(m.id) })),
      options.policies ?? [{ name: "policy", policy: options.policy ?? {}, timeZone: options.timeZone }],
    );
    for (const k of decision.keep) result.kept.push({ id: k.id, source, createdAt: byId.get(k.id)!.consistentAt, reasons: k.reasons });
    for (const id of decision.forget) result.forgotten.push({ id, source, createdAt: byId.get(id)!.consistentAt });
    for (const m of outside) {
      const reasons = [...(options.pinned?.has(m.id) ? ["pinned"] : []), ...(options.keepOutside?.ids.has(m.id) ? [options.keepOutside.reason] : [])];
      if (reasons.length) result.kept.push({ id: m.id, source, createdAt: m.consistentAt, reasons });
      else result.forgotten.push({ id: m.id, source, createdAt: m.consistentAt });
    }
  }
  return finish(repo, result, options, locked);
}

/** Forgets the named snapshots (all resolved before any is removed, so a typo removes nothing). */
async function forgetNamed(repo: Repository, all: Manifest[], refs: string[], options: ForgetOptions, locked: boolean): Promise<ForgetResult> {
  const ids = new Set<string>();
  for (const ref of refs) ids.add(await repo.resolveSnapshot(ref));
  const pinned = [...ids].filter((id) => options.pinned?.has(id));
  if (pinned.length) throw new Error(`Snapshot ${pinned.join(", ")} is pinned: unpin it in the dashboard first`);
  const entry = (m: Manifest) => ({ id: m.id, source: m.source.identity, createdAt: m.consistentAt });
  const result: ForgetResult = {
    kept: all.filter((m) => !ids.has(m.id)).map((m) => ({ ...entry(m), reasons: ["not named"] })),
    forgotten: all.filter((m) => ids.has(m.id)).map(entry),
    prune: null,
    dryRun: Boolean(options.dryRun),
  };
  return finish(repo, result, options, locked);
}

async function finish(repo: Repository, result: ForgetResult, options: ForgetOptions, locked: boolean): Promise<ForgetResult> {
  if (!options.dryRun) {
    for (const f of result.forgotten) await repo.deleteSnapshot(f.id);
    if (result.forgotten.length) await options.onForgotten?.(result.forgotten);
  }
  if (options.prune) {
    const ignoring = new Set(result.forgotten.map((f) => f.id));
    result.prune = await prune(repo, { dryRun: options.dryRun, signal: options.signal, ignoring, locked });
  }
  return result;
}
