import type { Metadata } from "next";
import Link from "next/link";
import { SourceHealthCells } from "@/components/sources/SourceHealthCells";
import { Badge, buttonClass, DataTable, EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listSourcesWithHealth } from "@/lib/db/sources";
import { formatBytes } from "@/lib/format";
import { ENGINE_LABEL } from "@/lib/sources/connection";
import { sourceHealth } from "@/lib/sources/health";
import { BackUpNowButton } from "./BackUpNowButton";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage() {
  const user = await requireUser();
  const canRun = hasRole(user.role, "OPERATOR");
  const isAdmin = hasRole(user.role, "ADMIN");
  const sources = await listSourcesWithHealth();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Sources"
        description="The databases Tidemark backs up, and whether their last backup is recent enough."
        actions={isAdmin ? <Link href="/sources/new" className={buttonClass.primary}>Add source</Link> : null}
      />
      {sources.length === 0 ? (
        <EmptyState title="No data sources registered">{isAdmin ? <Link className="text-brand-600 underline" href="/sources/new">Add the first one</Link> : "An admin registers them."}</EmptyState>
      ) : (
        <DataTable testId="sources-table" headers={["Source", "Last backup", "Health", "Next run", "Stored", ...(canRun ? [<span key="a" className="sr-only">Actions</span>] : [])]}>
          {sources.map((s) => {
            const health = sourceHealth(s.lastBackupAt, s.policies, now);
            return (
              <tr key={s.id} data-testid={`source-row-${s.name}`}>
                <td className={tableClass.td}>
                  <Link href={`/sources/${s.id}`} className="font-medium text-brand-600 hover:underline">{s.name}</Link> {s.demo ? <Badge tone="info">demo</Badge> : null}
                  <div className="mt-0.5 text-xs text-slate-500">{ENGINE_LABEL[s.engine]} · <span className="break-all font-mono">{s.displayTarget}</span></div>
                  {!s.storageTarget ? <div className="mt-0.5 text-xs text-amber-700 dark:text-amber-300">No storage target: backups cannot run</div> : null}
                </td>
                <SourceHealthCells lastBackupAt={s.lastBackupAt} health={health} />
                <td className={`${tableClass.td} whitespace-nowrap tabular-nums`}>
                  {formatBytes(s.storedBytes)}
                  <div className="text-xs text-slate-500">{s.backupCount.toLocaleString("en-US")} backup{s.backupCount === 1 ? "" : "s"}</div>
                </td>
                {canRun ? (
                  <td className={tableClass.td}>
                    <div className="flex items-start gap-2">
                      <BackUpNowButton sourceId={s.id} sourceName={s.name} />
                      {isAdmin ? <Link href={`/sources/${s.id}/edit`} className={`${buttonClass.secondary} whitespace-nowrap`} aria-label={`Edit ${s.name}`}>Edit</Link> : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
