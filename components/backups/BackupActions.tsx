"use client";
// Pin / unpin, "Verify now" and "Restore drill" on the backup page (operators and admins; the server actions check the
// role again). A drill can read a completed copy instead of the primary, proving the offsite copy restores, and run on
// another same-engine source's server: by default the one the source's policy drills on, so production is not loaded.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/primitives";
import { drillBackupAction, pinBackupAction, verifyBackupAction } from "@/lib/actions/backups";

/** Where a drill can read the backup: the primary (storageTargetId null) or a completed copy. */
export interface DrillPlace {
  storageTargetId: string | null;
  label: string;
}

/** Where a drill can create its scratch database: the source's own server ("") or another source's. */
export interface DrillHosts {
  sourceName: string;
  others: { id: string; name: string }[];
  /** The host the source's policy drills on, preselected ("" for the source's own server). */
  preferred: string;
}

const selectClass = "rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
const labelClass = "flex items-center gap-1 text-sm text-slate-600 dark:text-slate-400";

export function BackupActions({ backupSetId, pinned, drillPlaces, drillHosts }: { backupSetId: string; pinned: boolean; drillPlaces: DrillPlace[]; drillHosts: DrillHosts }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"pin" | "verify" | "drill" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drillFrom, setDrillFrom] = useState("");
  const [drillOn, setDrillOn] = useState(drillHosts.preferred);

  async function run(kind: "pin" | "verify" | "drill") {
    setBusy(kind);
    setError(null);
    if (kind === "pin") {
      const r = await pinBackupAction({ backupSetId, pinned: !pinned });
      if (!r.ok) setError(r.error.message);
      else router.refresh();
    } else {
      const r = kind === "verify" ? await verifyBackupAction({ backupSetId }) : await drillBackupAction({ backupSetId, ...(drillFrom ? { fromStorageTargetId: drillFrom } : {}), ...(drillOn ? { onSourceId: drillOn } : {}) });
      if (r.ok) return router.push(`/jobs/${r.data.jobId}`);
      setError(r.error.message);
    }
    setBusy(null);
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={buttonClass.secondary} disabled={busy !== null} onClick={() => run("verify")}>
        {busy === "verify" ? "Starting…" : "Verify now"}
      </button>
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={busy !== null}
        title="Restore into a scratch database, read every row back, drop it: the time it takes is the RTO you can count on"
        onClick={() => run("drill")}
      >
        {busy === "drill" ? "Starting…" : "Restore drill"}
      </button>
      {drillPlaces.length > 1 ? (
        <label className={labelClass}>
          from
          <select className={selectClass} value={drillFrom} onChange={(e) => setDrillFrom(e.target.value)}>
            {drillPlaces.map((p) => (
              <option key={p.storageTargetId ?? ""} value={p.storageTargetId ?? ""}>{p.label}</option>
            ))}
          </select>
        </label>
      ) : null}
      {drillHosts.others.length ? (
        <label className={labelClass} title="The scratch database is created, loaded and dropped on this server, with its source's login">
          on
          <select className={selectClass} value={drillOn} onChange={(e) => setDrillOn(e.target.value)} data-testid="drill-on">
            <option value="">{drillHosts.sourceName}&apos;s own server</option>
            {drillHosts.others.map((h) => (
              <option key={h.id} value={h.id}>the server of {h.name}{h.id === drillHosts.preferred ? " (where its policy drills)" : ""}</option>
            ))}
          </select>
        </label>
      ) : null}
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={busy !== null}
        aria-pressed={pinned}
        title={pinned ? "Let retention forget this backup again" : "Retention never forgets a pinned backup"}
        onClick={() => run("pin")}
      >
        {busy === "pin" ? "Saving…" : pinned ? "Unpin" : "Pin"}
      </button>
      {error ? <p role="alert" className="w-full text-sm text-rose-700 dark:text-rose-300">{error}</p> : null}
    </div>
  );
}
