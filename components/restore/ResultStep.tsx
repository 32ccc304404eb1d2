"use client";
// Step 6: the restore as it runs, then its outcome: verified (or which tables differ), where the data is, how to undo.
import Link from "next/link";
import { Badge, Card } from "@/components/ui/primitives";
import { JobProgressLine } from "@/components/diff/JobProgressLine";
import { useJob } from "@/components/diff/useJob";
import { countOf, formatDuration } from "@/lib/format";
import { failureOutcome, type FailedRestoreResult, type FailureOutcome } from "./failure";
import { placeLabel } from "./ReadFromChoice";
import { serverOf, type WizardPlace, type WizardSource } from "./types";

interface RestoreJobResult {
  verified: boolean;
  mismatched: string[];
  tables: { table: string; rows: number; verified: boolean }[];
  database: string;
  targetSourceId: string;
  preRestore: { backupSetId: string; snapshotId: string } | null;
  durationMs: number;
}

export function ResultStep({ jobId, into, mode, readFrom }: { jobId: string; into: WizardSource; mode: "new" | "replace"; readFrom: WizardPlace | null }) {
  const { data: job } = useJob<RestoreJobResult>(jobId);
  const r = job?.status === "SUCCEEDED" ? job.result : null;
  return (
    <div className="space-y-4">
      <Card title={r ? "Restore finished" : job && ["FAILED", "CANCELLED"].includes(job.status) ? `Restore ${job.status.toLowerCase()}` : "Restoring…"}>
        <JobProgressLine job={job} label="Restore progress" />
        {job?.status === "FAILED" ? <FailureNote outcome={failureOutcome(job.result as FailedRestoreResult | null, mode)} /> : null}
      </Card>
      {r ? (
        <Card>
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="restore-outcome">
            {r.verified ? <Badge tone="good">✓ verified</Badge> : <Badge tone="bad">✗ differs</Badge>}
            {r.verified
              ? `Every restored row was read back and matches the backup's digests (${countOf(r.tables.length, "table")}, ${formatDuration(r.durationMs / 1000)}).`
              : `The restored rows differ from the backup in: ${r.mismatched.join(", ")}. Do not use this copy; open the job log.`}
          </p>
          <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-slate-500">{mode === "new" ? "Restored into" : "Replaced"}</dt>
            <dd>
              <span className="font-mono" data-testid="restored-database">{r.database}</span>
              {mode === "new" && into.engine !== "SQLITE" ? <> on {serverOf(into)}, the server of </> : " of "}
              <Link className="underline" href={`/sources/${r.targetSourceId}`}>{into.name}</Link>
            </dd>
            {readFrom ? <><dt className="text-slate-500">Read from</dt><dd>{placeLabel(readFrom)}</dd></> : null}
            {r.preRestore ? (
              <>
                <dt className="text-slate-500">Undo</dt>
                <dd>
                  <Link className="font-medium underline" href={`/sources/${r.targetSourceId}/backups/${r.preRestore.backupSetId}`}>
                    The pre-restore backup of what was replaced
                  </Link>{" "}
                  — restore it in place to go back.
                </dd>
              </>
            ) : mode === "replace" ? (
              <><dt className="text-slate-500">Undo</dt><dd>Not possible from Tidemark: the pre-restore backup was skipped.</dd></>
            ) : null}
          </dl>
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer">Rows per table</summary>
            <ul className="mt-1 grid gap-1 font-mono text-xs sm:grid-cols-2">
              {r.tables.map((t) => <li key={t.table}>{t.verified ? "✓" : "✗"} {t.table}: {countOf(t.rows, "row")}</li>)}
            </ul>
          </details>
        </Card>
      ) : null}
    </div>
  );
}

/** After a failure: either nothing changed, or the target was changed (not verified, or not finished), and how to undo it. */
function FailureNote({ outcome }: { outcome: FailureOutcome }) {
  if (!outcome.committed) {
    return <p className="mt-2 text-sm" data-testid="restore-failure">Nothing was changed in the target: the restore failed before committing. Fix the cause above and run the wizard again.</p>;
  }
  return (
    <div className="mt-2 space-y-1 text-sm" role="alert" data-testid="restore-failure">
      <p>
        The target <span className="font-mono">{outcome.database}</span> <strong>was changed</strong>, but{" "}
        {outcome.mismatched.length ? (
          <>these tables did not verify when read back: <span className="font-mono">{outcome.mismatched.join(", ")}</span></>
        ) : (
          "the restore could not finish: the error above says what is in place and what is missing"
        )}
        . Do not use it as is.
      </p>
      {outcome.dropNew ? (
        <p>To undo, drop the new database <span className="font-mono">{outcome.database}</span>; nothing else was touched.</p>
      ) : outcome.undoHref ? (
        <p>To undo, <Link className="font-medium underline" href={outcome.undoHref}>restore the pre-restore backup</Link> in place.</p>
      ) : (
        <p>No pre-restore backup was taken, so Tidemark cannot undo this.</p>
      )}
    </div>
  );
}
