"use client";
// A source's policies: each in words (schedule, next run, type, retention) with edit and delete for operators. Deleting
// a policy whose retention alone keeps some backups needs its name typed: the server says how many the others forget.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge, buttonClass, EmptyState, inputClass } from "@/components/ui/primitives";
import { deletePolicyAction } from "@/lib/actions/policies";
import { PolicyForm, type PolicyView } from "./PolicyForm";

export interface PolicyRow extends PolicyView {
  words: string;
  nextRun: string | null;
  drillWords: string | null;
  nextDrill: string | null;
}

function retentionWords(r: PolicyView["retention"]): string {
  const parts = Object.entries(r).filter(([, n]) => n && n !== 0).map(([k, n]) => `${n === -1 ? "all" : n} ${k}`);
  return parts.length ? `keeps ${parts.join(", ")}` : "keeps every backup";
}

export function PoliciesSection({ sourceId, policies, canEdit, storage, channels, drillServers }: {
  sourceId: string;
  policies: PolicyRow[];
  canEdit: boolean;
  storage: { id: string; name: string }[];
  channels: { id: string; name: string }[];
  /** Same-engine sources whose servers can host this source's drills; null for SQLite sources. */
  drillServers: { id: string; name: string }[] | null;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** A delete the server refused until the policy's name is typed (the backups it alone keeps would be forgotten). */
  const [confirming, setConfirming] = useState<{ id: string; message: string } | null>(null);
  const [typed, setTyped] = useState("");
  const remove = async (id: string, confirmName?: string) => {
    const r = await deletePolicyAction({ id, ...(confirmName ? { confirmName } : {}) });
    if (!r.ok && r.error.fields?.confirmName === "required" && !confirmName) {
      setTyped("");
      setConfirming({ id, message: r.error.message });
      return;
    }
    setConfirming(null);
    setError(r.ok ? null : r.error.message);
    router.refresh();
  };
  const storageName = (id: string | null) => storage.find((s) => s.id === id)?.name;

  return (
    <div className="space-y-3">
      {policies.length === 0 && editing !== "new" ? (
        <EmptyState title="No policy: this source is only backed up when someone clicks Back up now">{canEdit ? "Create one to schedule backups and retention." : null}</EmptyState>
      ) : null}
      <ul className="space-y-3">
        {policies.map((p) => (
          <li key={p.id} data-testid={`policy-${p.name}`} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
            {editing === p.id ? (
              <PolicyForm sourceId={sourceId} policy={p} storage={storage} channels={channels} drillServers={drillServers} onDone={() => setEditing(null)} />
            ) : (
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="text-sm">
                  <div className="flex items-center gap-2">
                    <span className="font-medium">{p.name}</span>
                    {p.enabled ? <Badge tone="good">enabled</Badge> : <Badge tone="neutral">paused</Badge>}
                    <Badge>{p.backupType.toLowerCase()}</Badge>
                  </div>
                  <p className="mt-1">{p.words} ({p.timezone}) <span className="font-mono text-xs text-slate-500">{p.cron}</span></p>
                  <p className="text-slate-600 dark:text-slate-400">
                    {p.enabled && p.nextRun ? `Next run ${p.nextRun}` : "Not scheduled"} · {retentionWords(p.retention)} · {p.verifyAfter ? "verified after each backup" : "not verified automatically"}
                    {p.rpoMinutes ? ` · RPO ${p.rpoMinutes} min` : ""}
                    {p.copyToStorageTargetId ? ` · copied to ${storageName(p.copyToStorageTargetId) ?? "another target"}` : ""}
                    {p.tablesInclude.length ? ` · only ${p.tablesInclude.join(", ")}` : p.tablesExclude.length ? ` · skips ${p.tablesExclude.join(", ")}` : ""}
                  </p>
                  <p className="text-slate-600 dark:text-slate-400" data-testid="policy-drill">
                    {p.drillCron
                      ? `Restore drill: ${p.drillWords ?? p.drillCron} (${p.timezone}), ${p.drillFromCopy ? `from the copy in ${storageName(p.copyToStorageTargetId) ?? "the copy-to target"}` : "from where each backup is written"}${p.drillOnSourceId ? `, on the server of ${drillServers?.find((d) => d.id === p.drillOnSourceId)?.name ?? "another source"}` : ""}${!p.enabled ? " (paused, not scheduled)" : p.nextDrill ? ` · next ${p.nextDrill}` : ""}`
                      : "No scheduled restore drill"}
                  </p>
                  {p.drillCron && p.drillFromCopy && !p.copyToStorageTargetId ? (
                    <p role="alert" className="mt-1 rounded-md bg-amber-50 px-2 py-1 text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="policy-drill-no-copy">
                      This policy drills the copy but no longer copies its backups anywhere (its copy-to storage was removed): each drill fails until you choose a copy target or untick &ldquo;Drill the copy&rdquo;.
                    </p>
                  ) : null}
                </div>
                {canEdit ? (
                  <div className="flex gap-2">
                    <button type="button" className={buttonClass.secondary} onClick={() => setEditing(p.id)} aria-label={`Edit policy ${p.name}`}>Edit</button>
                    <button
                      type="button"
                      className={buttonClass.danger}
                      aria-label={`Delete policy ${p.name}`}
                      onClick={async () => {
                        if (!window.confirm(`Delete the policy "${p.name}"? Its schedules stop; the backups it made stay until a retention rule forgets them.`)) return;
                        await remove(p.id);
                      }}
                    >
                      Delete
                    </button>
                  </div>
                ) : null}
                {confirming?.id === p.id ? (
                  <form
                    className="mt-3 w-full space-y-2 rounded-md border border-rose-200 bg-rose-50 p-3 text-sm dark:border-rose-900 dark:bg-rose-950"
                    aria-label={`Confirm deleting policy ${p.name}`}
                    onSubmit={async (e) => {
                      e.preventDefault();
                      await remove(p.id, typed);
                    }}
                  >
                    <p data-testid="policy-delete-impact" className="text-rose-800 dark:text-rose-200">{confirming.message}</p>
                    <label htmlFor={`confirm-delete-${p.id}`} className="block font-medium">Type <span className="font-mono">{p.name}</span> to delete it anyway</label>
                    <input id={`confirm-delete-${p.id}`} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" className={`${inputClass} max-w-sm`} />
                    <div className="flex gap-2">
                      <button type="submit" className={buttonClass.danger} disabled={typed !== p.name}>Delete policy and release those backups</button>
                      <button type="button" className={buttonClass.secondary} onClick={() => setConfirming(null)}>Keep the policy</button>
                    </div>
                  </form>
                ) : null}
              </div>
            )}
          </li>
        ))}
      </ul>
      {error ? <p role="alert" className="text-sm text-rose-700">{error}</p> : null}
      {canEdit ? (
        editing === "new" ? (
          <PolicyForm sourceId={sourceId} storage={storage} channels={channels} drillServers={drillServers} onDone={() => setEditing(null)} />
        ) : (
          <button type="button" className={buttonClass.secondary} onClick={() => setEditing("new")}>Add a policy</button>
        )
      ) : null}
    </div>
  );
}
