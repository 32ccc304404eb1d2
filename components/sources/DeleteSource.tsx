"use client";
// Deleting a source: says what goes (its catalog of backups, policies) and what stays (the snapshots in the
// repository, until `tidemark forget` removes them: the page gives the command), and asks for the source's name typed out.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, Card, inputClass } from "@/components/ui/primitives";
import { deleteSourceAction } from "@/lib/actions/sources";

interface Impact {
  backupSets: number;
  storedSize: string;
  policies: number;
  activeJobs: number;
  storageName: string | null;
  /** The CLI command that forgets this source's snapshots in its repository (no credentials in it), when it has a target. */
  forgetCommand: string | null;
  /** Policies of other sources whose drills run on this source's server ("Nightly (Shop)"): they block the deletion. */
  drillHostOf: string[];
}

export function DeleteSource({ id, name, impact }: { id: string; name: string; impact: Impact }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title="Delete this source" className="border-rose-200 dark:border-rose-900">
      <div className="space-y-2 text-sm" data-testid="delete-impact">
        <p>Deleting <strong>{name}</strong>:</p>
        <ul className="list-disc space-y-1 pl-5">
          <li>removes its <strong>{impact.backupSets.toLocaleString("en-US")} backup set{impact.backupSets === 1 ? "" : "s"}</strong> from Tidemark&apos;s catalog, so they no longer appear on the timeline and cannot be restored from the dashboard;</li>
          <li>removes its {impact.policies} polic{impact.policies === 1 ? "y" : "ies"}: no more scheduled backups;</li>
          {impact.drillHostOf.length ? (
            <li data-testid="delete-drill-host" className="font-medium text-rose-800 dark:text-rose-300">
              cannot happen yet: this source&apos;s server hosts the restore drills of {impact.drillHostOf.join(", ")}. Choose another drill server in {impact.drillHostOf.length === 1 ? "that policy" : "those policies"} first, so their drills do not move back onto their own servers unnoticed;
            </li>
          ) : null}
          <li>keeps its job history (without the link to the source);</li>
          <li>
            <strong>does not delete the snapshots</strong>{impact.storageName ? <> in <strong>{impact.storageName}</strong></> : null} ({impact.storedSize} stored): they stay in the repository, restorable with the <code>tidemark</code> CLI and the repository passphrase. A prune does not remove them (it frees only data no snapshot uses).
            {impact.forgetCommand ? (
              <>
                {" "}To forget them afterwards (all but the newest, which a keep rule always keeps: <code>tidemark forget &lt;its id&gt; --prune</code> removes that one too), run with the passphrase in <code>TIDEMARK_PASSPHRASE</code>, adding <code>--dry-run</code> first to see the list:
                <code className="mt-1 block select-all break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs dark:bg-slate-800" data-testid="forget-command">{impact.forgetCommand}</code>
              </>
            ) : null}
          </li>
          <li>does not touch the database itself.</li>
        </ul>
        {impact.activeJobs ? <p className="font-medium text-rose-700 dark:text-rose-300">{impact.activeJobs} job(s) of this source are queued or running: wait for them or cancel them first.</p> : null}
      </div>
      <form
        className="mt-3 space-y-2"
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          setError(null);
          const r = await deleteSourceAction({ id, confirmName: typed });
          if (!r.ok) {
            setPending(false);
            return setError(r.error.message);
          }
          router.push("/sources");
          router.refresh();
        }}
      >
        <label htmlFor="confirm-delete" className="block text-sm font-medium">Type <span className="font-mono">{name}</span> to confirm</label>
        <input id="confirm-delete" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" className={`${inputClass} max-w-sm`} />
        {error ? <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">{error}</p> : null}
        <button type="submit" className={buttonClass.danger} disabled={typed !== name || pending}>{pending ? "Deleting…" : "Delete source"}</button>
      </form>
    </Card>
  );
}
