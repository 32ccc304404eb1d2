"use client";
// Starts the compare job for a pair nobody has compared yet, then puts its id in the URL so a reload reuses it.
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { buttonClass, Card } from "@/components/ui/primitives";
import { startCompareAction } from "@/lib/actions/diffs";

export function StartCompare({ sourceId, from, to }: { sourceId: string; from: string; to: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  async function start() {
    setError(null);
    const r = await startCompareAction({ sourceId, fromBackupSetId: from, to: to === "live" ? { live: true } : { backupSetId: to } });
    if (r.ok) router.replace(`${pathname}?${new URLSearchParams({ from, to, job: r.data.jobId })}`);
    else setError(r.error.message);
  }
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per pair; a new pair is a new page
  }, []);

  return (
    <Card title="Comparing…">
      {error ? (
        <div className="space-y-2">
          <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">The comparison could not start: {error}</p>
          <button type="button" className={buttonClass.secondary} onClick={start}>Try again</button>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">Starting the comparison job…</p>
      )}
    </Card>
  );
}
