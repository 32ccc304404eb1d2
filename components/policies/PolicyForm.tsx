"use client";
// Create or edit a backup policy: schedule with live preview, type, tables, retention, verification, RPO, copy, drill,
// alerts.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass, inputClass } from "@/components/ui/primitives";
import { createPolicyAction, updatePolicyAction } from "@/lib/actions/policies";
import { CronField } from "./CronField";

export interface PolicyView {
  id: string;
  name: string;
  enabled: boolean;
  cron: string;
  timezone: string;
  backupType: "FULL" | "DIFFERENTIAL" | "INCREMENTAL";
  tablesInclude: string[];
  tablesExclude: string[];
  retention: Partial<Record<(typeof KEEP)[number], number>>;
  verifyAfter: boolean;
  rpoMinutes: number | null;
  copyToStorageTargetId: string | null;
  notifyChannelIds: string[];
  drillCron: string | null;
  drillFromCopy: boolean;
  drillOnSourceId: string | null;
}

const KEEP = ["last", "hourly", "daily", "weekly", "monthly", "yearly"] as const;
const splitList = (v: FormDataEntryValue | null) => String(v ?? "").split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

export function PolicyForm({ sourceId, policy, storage, channels, drillServers, onDone }: {
  sourceId: string;
  policy?: PolicyView;
  storage: { id: string; name: string }[];
  channels: { id: string; name: string }[];
  /** Same-engine sources whose servers can host the drills; null (no choice to offer) for SQLite sources. */
  drillServers: { id: string; name: string }[] | null;
  onDone: () => void;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const p = policy;
  const idp = p ? `p-${p.id}` : "p-new";
  const [copyTo, setCopyTo] = useState(p?.copyToStorageTargetId ?? "");

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const rpo = String(f.get("rpoMinutes") ?? "").trim();
    const input = {
      sourceId,
      name: String(f.get("name") ?? ""),
      enabled: f.get("enabled") === "on",
      cron: String(f.get("cron") ?? ""),
      timezone: String(f.get("timezone") ?? "UTC"),
      backupType: String(f.get("backupType")) as PolicyView["backupType"],
      tablesInclude: splitList(f.get("tablesInclude")),
      tablesExclude: splitList(f.get("tablesExclude")),
      retention: Object.fromEntries(KEEP.map((k) => [k, Number(f.get(`keep-${k}`) || 0)])) as Record<(typeof KEEP)[number], number>,
      verifyAfter: f.get("verifyAfter") === "on",
      rpoMinutes: rpo ? Number(rpo) : null,
      copyToStorageTargetId: String(f.get("copyTo") ?? "") || null,
      notifyChannelIds: f.getAll("channels").map(String),
      drillCron: String(f.get("drillCron") ?? "").trim() || null,
      drillFromCopy: f.get("drillFromCopy") === "on",
      drillOnSourceId: String(f.get("drillOn") ?? "") || null,
    };
    setPending(true);
    const r = p ? await updatePolicyAction({ ...input, id: p.id }) : await createPolicyAction(input);
    setPending(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    router.refresh();
    onDone();
  }

  // Each input names its hint with aria-describedby={`${idp}-${name}-hint`}, so screen readers read it too.
  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => (
    <div>
      <label htmlFor={`${idp}-${name}`} className="mb-1 block text-sm font-medium">{label}</label>
      {input}
      {hint ? <p id={`${idp}-${name}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-md border border-slate-200 p-4 dark:border-slate-700" aria-label={p ? `Edit policy ${p.name}` : "New policy"}>
      <div className="grid gap-3 sm:grid-cols-3">
        {field("name", "Policy name", <input id={`${idp}-name`} name="name" defaultValue={p?.name ?? "Nightly"} className={inputClass} required />)}
        {field("type", "Backup type", (
          <select id={`${idp}-type`} name="backupType" defaultValue={p?.backupType ?? "INCREMENTAL"} className={inputClass}>
            <option value="FULL">Full — every chunk written again</option>
            <option value="DIFFERENTIAL">Differential — changes since the last full</option>
            <option value="INCREMENTAL">Incremental — only chunks not stored yet</option>
          </select>
        ))}
        <label className="flex items-center gap-2 self-end pb-2 text-sm"><input type="checkbox" name="enabled" defaultChecked={p?.enabled ?? true} /> Enabled (runs on schedule)</label>
      </div>
      <CronField defaultCron={p?.cron ?? "0 2 * * *"} defaultTimezone={p?.timezone ?? "UTC"} />
      <div className="grid gap-3 sm:grid-cols-2">
        {field("include", "Only these tables (optional)", <input id={`${idp}-include`} aria-describedby={`${idp}-include-hint`} name="tablesInclude" defaultValue={p?.tablesInclude.join(", ")} className={`${inputClass} font-mono`} placeholder="public.orders, public.customers" />, "Empty: every table.")}
        {field("exclude", "Skip these tables (optional)", <input id={`${idp}-exclude`} aria-describedby={`${idp}-exclude-hint`} name="tablesExclude" defaultValue={p?.tablesExclude.join(", ")} className={`${inputClass} font-mono`} placeholder="public.sessions" />, "Use one list or the other.")}
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Retention (restic forget rules; 0 = rule off, all 0 = keep everything; pinned backups are always kept)</legend>
        <div className="grid grid-cols-3 gap-3 sm:grid-cols-6">
          {KEEP.map((k) => (
            <div key={k}>
              <label htmlFor={`${idp}-keep-${k}`} className="mb-1 block text-xs text-slate-600 dark:text-slate-400">Keep {k}</label>
              <input id={`${idp}-keep-${k}`} name={`keep-${k}`} type="number" min={0} defaultValue={p?.retention[k] ?? ({ daily: 7, weekly: 4, monthly: 6 } as Record<string, number>)[k] ?? 0} className={inputClass} />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-3">
        {field("rpo", "RPO in minutes (optional)", <input id={`${idp}-rpo`} aria-describedby={`${idp}-rpo-hint`} name="rpoMinutes" type="number" min={1} defaultValue={p?.rpoMinutes ?? ""} className={inputClass} />, "Empty: the gap between two runs plus a grace.")}
        {field("copy", "Also copy each backup to", (
          <select id={`${idp}-copy`} name="copyTo" value={copyTo} onChange={(e) => setCopyTo(e.target.value)} className={inputClass}>
            <option value="">No second copy</option>
            {storage.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        ))}
        <label className="flex items-center gap-2 self-end pb-2 text-sm"><input type="checkbox" name="verifyAfter" defaultChecked={p?.verifyAfter ?? true} /> Verify after each backup</label>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        {field("drill", "Restore drill schedule (optional cron)", (
          <input id={`${idp}-drill`} name="drillCron" defaultValue={p?.drillCron ?? ""} className={`${inputClass} font-mono`} placeholder="0 4 * * 0" autoComplete="off" aria-describedby={`${idp}-drill-hint`} />
        ), "In the policy's time zone. Each drill restores a backup into a scratch database, verifies every row, records the time it took and drops it. Empty: no scheduled drill.")}
        {drillServers ? field("drillOn", "Drill on the server of", (
          <select id={`${idp}-drillOn`} name="drillOn" defaultValue={p?.drillOnSourceId ?? ""} className={inputClass} aria-describedby={`${idp}-drillOn-hint`}>
            <option value="">This source (its own server)</option>
            {drillServers.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            {p?.drillOnSourceId && !drillServers.some((d) => d.id === p.drillOnSourceId) ? <option value={p.drillOnSourceId}>(a source that can no longer host drills)</option> : null}
          </select>
        ), "The scratch database, a full copy of the backed-up rows while the drill runs, is created there. Its login needs the rights to create and drop databases and, best, nothing more (not a superuser: the restore replays the source's own definitions there). Another source of the same engine keeps the drill's load off production.") : <div />}
        <div className="self-center text-sm">
          <label className="flex items-start gap-2">
            <input type="checkbox" name="drillFromCopy" defaultChecked={p?.drillFromCopy ?? false} className="mt-1" disabled={!copyTo && !p?.drillFromCopy} aria-describedby={`${idp}-drillcopy-hint`} />
            <span className={copyTo ? undefined : "text-slate-500"}>Drill the copy, not the primary: restore the newest backup whose copy in the &ldquo;copy to&rdquo; target is complete, reading only that copy (proves the offsite copy restores on its own). Without it, drills restore the latest backup from where it was written.</span>
          </label>
          {!copyTo ? <p id={`${idp}-drillcopy-hint`} className="ml-6 mt-1 text-xs text-slate-500">Choose a target under &ldquo;Also copy each backup to&rdquo; first.</p> : null}
        </div>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Notify these webhook channels</legend>
        {channels.length ? channels.map((c) => (
          <label key={c.id} className="mr-4 inline-flex items-center gap-1.5 text-sm"><input type="checkbox" name="channels" value={c.id} defaultChecked={p?.notifyChannelIds.includes(c.id)} /> {c.name}</label>
        )) : <p className="text-xs text-slate-500">No channels yet (Settings → Notifications).</p>}
      </fieldset>
      {error ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{error}</p> : null}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.primary} disabled={pending}>{pending ? "Saving…" : p ? "Save policy" : "Create policy"}</button>
        <button type="button" className={buttonClass.secondary} onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
