"use client";
// Pin / unpin and "Verify now" on the backup page (operators and admins; the server actions check the role again).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/primitives";
import { pinBackupAction, verifyBackupAction } from "@/lib/actions/backups";

export function BackupActions({ backupSetId, pinned }: { backupSetId: string; pinned: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"pin" | "verify" | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(kind: "pin" | "verify") {
    setBusy(kind);
    setError(null);
    if (kind === "pin") {
      const r = await pinBackupAction({ backupSetId, pinned: !pinned });
      if (!r.ok) setError(r.error.message);
      else router.refresh();
    } else {
      const r = await verifyBackupAction({ backupSetId });
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
