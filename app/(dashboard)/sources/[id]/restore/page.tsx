import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RestoreWizard } from "@/components/restore/RestoreWizard";
import { EmptyState, PageHeader } from "@/components/ui/primitives";
import { hasRole } from "@/lib/auth/roles";
import { requireRole } from "@/lib/auth/session";
import { getBackupSetDetails, restorePoints } from "@/lib/db/backup-sets";
import { copiesOfBackupSets } from "@/lib/db/copies";
import { restoreTargetSource, restoreTargetSources } from "@/lib/db/restore-targets";

export const metadata: Metadata = { title: "Restore" };

export default async function RestorePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ backup?: string | string[] }> }) {
  const user = await requireRole("OPERATOR");
  const { id: sourceId } = await params;
  const wanted = (await searchParams).backup;
  const source = await restoreTargetSource(sourceId);
  if (!source) notFound();
  const others = (await restoreTargetSources(source.engine)).filter((s) => s.id !== source.id);
  const points = await restorePoints(sourceId, { include: typeof wanted === "string" ? [wanted] : [] });
  const header = <PageHeader title={`Restore ${source.name}`} description={<>Nothing is written until you confirm, after a preview of exactly what will change. <Link className="underline" href={`/sources/${sourceId}`}>Back to the source</Link></>} />;
  if (!points.length) {
    return <>{header}<EmptyState title="No completed backup of this source yet">Back it up first; then any backup can be restored from here.</EmptyState></>;
  }
  // A link may name a backup older than the recent ones listed: it is still the one preselected.
  const named = typeof wanted === "string" ? await getBackupSetDetails(wanted, sourceId) : null;
  const set = named?.status === "COMPLETED" ? named : await getBackupSetDetails(points[0].id, sourceId);
  if (!set) notFound();
  const notice = typeof wanted === "string" && set.id !== wanted ? "The backup in the link is not a completed backup of this source; the latest one is selected instead." : null;
  const point = (p: (typeof points)[number]) => ({
    id: p.id, type: p.type, consistentAt: (p.consistentAt ?? new Date(0)).toISOString(), rowCount: Number(p.rowCount), tableCount: p.tableCount,
    verification: p.verification, pinned: p.pinned, preRestore: p.preRestore,
  });
  const backup = {
    ...point(set),
    tables: set.tables.map((t) => ({ key: t.schemaName ? `${t.schemaName}.${t.name}` : t.name, rows: Number(t.rowCount) })),
  };
  // Where it can be read from: where it was written, then every completed copy (failed or running ones cannot serve).
  const places = (await copiesOfBackupSets([set.id]))[set.id]
    .filter((p) => p.role === "primary" || p.status === "COMPLETED")
    .map((p) => ({ storageTargetId: p.storageTargetId, name: p.name, kind: p.kind, copy: p.role === "copy", verification: p.verification, at: p.at?.toISOString() ?? null }));
  return (
    <>
      {header}
      {notice ? <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">{notice}</p> : null}
      <RestoreWizard key={backup.id} source={source} others={others} points={points.map(point)} backup={backup} places={places} isAdmin={hasRole(user.role, "ADMIN")} />
    </>
  );
}

