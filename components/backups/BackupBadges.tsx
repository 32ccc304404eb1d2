// Words (not colour alone) for a backup's type, verification and markers; shared by the backup page and the wizard.
import { Badge } from "@/components/ui/primitives";
import { formatUtc } from "@/lib/format";

export const BACKUP_TYPE_LABEL = { FULL: "full", DIFFERENTIAL: "differential", INCREMENTAL: "incremental" } as const;

export function VerificationBadge({ state, at }: { state: "UNVERIFIED" | "VERIFIED" | "FAILED"; at?: Date | string | null }) {
  if (state === "VERIFIED") return <Badge tone="good">✓ verified{at ? ` ${formatUtc(at)}` : ""}</Badge>;
  if (state === "FAILED") return <Badge tone="bad">✗ verification failed{at ? ` ${formatUtc(at)}` : ""}</Badge>;
  return <Badge tone="warn">not verified yet</Badge>;
}

export function BackupMarkers({ pinned, preRestore }: { pinned: boolean; preRestore: boolean }) {
  return (
    <>
      {pinned ? <Badge tone="info">pinned</Badge> : null}
      {preRestore ? <Badge tone="neutral">pre-restore backup</Badge> : null}
    </>
  );
}
