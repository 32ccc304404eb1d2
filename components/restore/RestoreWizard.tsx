"use client";
// The restore wizard: point in time → target → tables → preview → confirm → progress and result. Keyboard first:
// each step's heading takes focus when it opens, every choice is a native control, Back/Next are buttons.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { BACKUP_TYPE_LABEL, BackupMarkers, VerificationBadge } from "@/components/backups/BackupBadges";
import { useJob } from "@/components/diff/useJob";
import { buttonClass, Card, inputClass } from "@/components/ui/primitives";
import { suggestRestoreName } from "@/lib/actions/restore.schema";
import { countOf, formatUtc } from "@/lib/format";
import { ConfirmStep } from "./ConfirmStep";
import { PreviewStep } from "./PreviewStep";
import { ReadFromChoice } from "./ReadFromChoice";
import { ResultStep } from "./ResultStep";
import { Stepper } from "./Stepper";
import { TablesStep } from "./TablesStep";
import { TargetStep, targetProblem } from "./TargetStep";
import { readPlace, restoreTarget, type WizardBackup, type WizardChoice, type WizardPlace, type WizardPoint, type WizardSource } from "./types";

const STEPS = ["Point in time", "Target", "Tables", "Preview", "Confirm", "Restore"];

export function RestoreWizard({ source, others, points, backup, places, isAdmin }: {
  source: WizardSource; others: WizardSource[]; points: WizardPoint[]; backup: WizardBackup;
  /** Where the chosen backup can be read from: where it was written, then its completed copies. */
  places: WizardPlace[];
  isAdmin: boolean;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [step, setStep] = useState(0);
  const [choice, setChoice] = useState<WizardChoice>(() => ({
    targetKind: "new",
    otherSourceId: others[0]?.id ?? "",
    otherMode: "new",
    database: suggestRestoreName(source.engine, source.database, new Date(backup.consistentAt)),
    allTables: true,
    tables: backup.tables.map((t) => t.key),
    readFrom: "",
  }));
  const [previewJobId, setPreviewJobId] = useState<string | null>(null);
  const [restoreJobId, setRestoreJobId] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const target = restoreTarget(choice, source, others);
  const readFrom = readPlace(choice, places);
  const tables = choice.allTables ? null : choice.tables;
  const problems = [null, targetProblem(choice, source, others), !choice.allTables && !choice.tables.length ? "Choose at least one table." : null];
  const request = useMemo(
    () => ({
      backupSetId: backup.id,
      target: { mode: target.mode, ...(target.into.id !== source.id ? { targetSourceId: target.into.id } : {}), ...(target.mode === "new" ? { database: target.database } : {}) },
      ...(tables ? { tables } : {}),
      ...(choice.readFrom ? { fromStorageTargetId: choice.readFrom } : {}),
    }),
    [backup.id, target.mode, target.into.id, target.database, source.id, tables, choice.readFrom],
  );
  const requestKey = JSON.stringify(request);
  // Any change to what would be restored makes an earlier preview stale.
  const [previewFor, setPreviewFor] = useState<string | null>(null);
  const previewValid = previewJobId !== null && previewFor === requestKey;
  const { data: previewJob } = useJob(previewValid ? previewJobId : null);
  const previewDone = previewValid && previewJob?.status === "SUCCEEDED";

  const update = (c: Partial<WizardChoice>) => setChoice((prev) => ({ ...prev, ...c }));
  const firstProblem = problems.slice(0, 3).findIndex((p) => p !== null);
  const reachable = restoreJobId ? 5 : Math.min(firstProblem === -1 ? 4 : firstProblem, previewDone ? 4 : 3);
  const go = (i: number) => { if (i <= reachable && !(restoreJobId && i < 5)) setStep(i); };

  return (
    <>
      <Stepper steps={STEPS} current={step} reachable={reachable} locked={restoreJobId !== null} onGo={go} />
      <Card>
        <h2 ref={heading} tabIndex={-1} className="mb-4 text-lg font-semibold outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
          {step + 1}. {STEP_TITLE[step]}
        </h2>

        {step === 0 ? (
          <div className="space-y-3">
            <label htmlFor="restore-point" className="block text-sm font-medium">Backup to restore</label>
            <select
              id="restore-point"
              className={inputClass}
              value={backup.id}
              onChange={(e) => router.replace(`${pathname}?backup=${encodeURIComponent(e.target.value)}`)}
            >
              {points.map((p) => (
                <option key={p.id} value={p.id}>
                  {formatUtc(p.consistentAt, { seconds: true })} · {BACKUP_TYPE_LABEL[p.type]} · {countOf(p.rowCount, "row")}
                  {p.verification === "VERIFIED" ? " · verified" : p.verification === "FAILED" ? " · VERIFICATION FAILED" : ""}
                  {p.preRestore ? " · pre-restore" : ""}
                </option>
              ))}
            </select>
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
              The data as it was at {formatUtc(backup.consistentAt, { seconds: true })}: {countOf(backup.tables.length, "table")}, {countOf(backup.rowCount, "row")}.
              <VerificationBadge state={backup.verification} />
              <BackupMarkers pinned={backup.pinned} preRestore={backup.preRestore} />
            </p>
            {backup.verification === "FAILED" ? <p role="alert" className="text-sm text-rose-700">This backup failed verification: restoring it may fail or give damaged data. Pick another point if you can.</p> : null}
            <ReadFromChoice places={places} value={choice.readFrom} onChange={(readFrom) => update({ readFrom })} />
          </div>
        ) : step === 1 ? (
          <TargetStep choice={choice} source={source} others={others} onChange={update} />
        ) : step === 2 ? (
          <TablesStep backup={backup} choice={choice} onChange={update} />
        ) : step === 3 ? (
          <PreviewStep key={requestKey} request={request} source={source} jobId={previewValid ? previewJobId : null} onJob={(id) => { setPreviewJobId(id); setPreviewFor(requestKey); }} />
        ) : step === 4 && previewDone ? (
          <ConfirmStep backup={backup} source={source} target={target} tables={tables} readFrom={readFrom} fromStorageTargetId={choice.readFrom || undefined} previewJobId={previewJobId!} previewFinishedAt={previewJob!.finishedAt ?? previewJob!.createdAt} isAdmin={isAdmin} onStarted={(id) => { setRestoreJobId(id); setStep(5); }} onPreviewAgain={() => { setPreviewJobId(null); setStep(3); }} />
        ) : step === 5 && restoreJobId ? (
          <ResultStep jobId={restoreJobId} into={target.into} mode={target.mode} readFrom={readFrom} />
        ) : null}

        {step < 4 ? (
          <div className="mt-6 flex items-center gap-2 border-t border-slate-100 pt-4 dark:border-slate-800">
            <button type="button" className={buttonClass.secondary} disabled={step === 0} onClick={() => go(step - 1)}>Back</button>
            <button type="button" className={buttonClass.primary} disabled={step + 1 > reachable} onClick={() => go(step + 1)}>
              {step === 3 ? "Next: confirm" : step === 2 ? "Next: preview the changes" : "Next"}
            </button>
            {/* the name field and the table list say their own problems */}
            {step === 1 && target.mode !== "new" && problems[1] ? <span className="text-sm text-rose-700 dark:text-rose-300">{problems[1]}</span> : null}
            {step === 3 && !previewDone ? <span className="text-sm text-slate-500">Confirm opens when the preview has finished.</span> : null}
          </div>
        ) : step === 4 ? (
          <div className="mt-6 border-t border-slate-100 pt-4 dark:border-slate-800">
            <button type="button" className={buttonClass.secondary} onClick={() => go(3)}>Back to the preview</button>
          </div>
        ) : null}
      </Card>
    </>
  );
}

const STEP_TITLE = ["Which point in time?", "Restore into…", "Which tables?", "What the restore will change", "Confirm", "Restore"];
