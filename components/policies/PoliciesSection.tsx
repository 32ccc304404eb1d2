"use client";
// A source's policies: each in words (schedule, next run, type, retention) with edit and delete for operators.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge, buttonClass, EmptyState } from "@/components/ui/primitives";
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
                        if (!window.confirm(`Delete the policy "${p.name}"? Its schedule stops; existing backups stay.`)) return;
                        const r = await deletePolicyAction({ id: p.id });
                        setError(r.ok ? null : r.error.message);
                        router.refresh();
                      }}
                    >
                      Delete
                    </button>
                  </div>
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
