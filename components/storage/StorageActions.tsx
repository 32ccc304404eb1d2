"use client";
// Verify (queues verify jobs for the backups not checked this week) and Prune (after typing the target's name).
import Link from "next/link";
import { useState } from "react";
import { buttonClass, inputClass } from "@/components/ui/primitives";
import { pruneStorageAction, verifyStorageAction } from "@/lib/actions/storage";

export function StorageActions({ id, name, backups, sources }: { id: string; name: string; backups: number; sources: number }) {
  const [message, setMessage] = useState<{ tone: "ok" | "bad"; text: React.ReactNode } | null>(null);
  const [pending, setPending] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [typed, setTyped] = useState("");
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <button type="button" className={buttonClass.secondary} disabled={pending || backups === 0} title={backups === 0 ? "No backups here yet" : undefined} aria-label={`Verify backups in ${name}`}
          onClick={async () => {
            setPending(true);
            const r = await verifyStorageAction({ id });
            setPending(false);
            if (!r.ok) return setMessage({ tone: "bad", text: r.error.message });
            setMessage({ tone: "ok", text: r.data.queued ? <>Queued {r.data.queued} verify job{r.data.queued === 1 ? "" : "s"}{r.data.remaining ? ` (${r.data.remaining} more next click)` : ""} — <Link className="underline" href="/jobs">see Jobs</Link></> : "Every backup here was verified in the last 7 days." });
          }}>
          Verify
        </button>
        <button type="button" className={buttonClass.danger} aria-expanded={pruning} aria-label={`Prune ${name}`} onClick={() => setPruning(!pruning)}>Prune…</button>
      </div>
      {pruning ? (
        <form className="max-w-xs space-y-1 text-xs" onSubmit={async (e) => {
          e.preventDefault();
          const r = await pruneStorageAction({ id, confirmName: typed });
          if (!r.ok) return setMessage({ tone: "bad", text: r.error.message });
          setPruning(false);
          setTyped("");
          setMessage({ tone: "ok", text: <>Prune queued — <Link className="underline" href={`/jobs/${r.data.jobId}`}>follow it</Link></> });
        }}>
          <p>Removes data that no snapshot references (left by failed or cancelled backups and forgotten snapshots). No snapshot is deleted: snapshots of deleted sources stay until <code>tidemark forget</code> removes them{sources === 0 ? " (no source uses this target now)" : ""}. The repository is locked while it runs: backups to it wait.</p>
          <label htmlFor={`prune-${id}`} className="block font-medium">Type {name} to confirm</label>
          <input id={`prune-${id}`} value={typed} onChange={(e) => setTyped(e.target.value)} className={inputClass} autoComplete="off" />
          <button type="submit" className={buttonClass.danger} disabled={typed !== name}>Prune now</button>
        </form>
      ) : null}
      {message ? <p role={message.tone === "bad" ? "alert" : "status"} className={`text-xs ${message.tone === "bad" ? "text-rose-700" : "text-emerald-700"}`}>{message.text}</p> : null}
    </div>
  );
}
