import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteSource } from "@/components/sources/DeleteSource";
import { SourceForm } from "@/components/sources/SourceForm";
import { PageHeader } from "@/components/ui/primitives";
import { requireRole } from "@/lib/auth/session";
import { sourceDeletionImpact, sourceUrl } from "@/lib/db/sources";
import { storageOptions } from "@/lib/db/storage";
import { formatBytes } from "@/lib/format";
import { sourceOf } from "@/lib/engine/connect";
import { describeConnection } from "@/lib/sources/connection";

const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

export const metadata: Metadata = { title: "Edit source" };

export default async function EditSourcePage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("ADMIN");
  const { id } = await params;
  const [source, storage, impact] = await Promise.all([sourceUrl(id), storageOptions(), sourceDeletionImpact(id)]);
  if (!source) notFound();
  // Only the view goes to the browser: every setting but the password.
  const view = describeConnection(source.url);
  const target = storage.find((s) => s.id === source.storageTargetId) ?? null;
  const storageName = target?.name ?? null;
  // Snapshots carry the source's identity (engine://host:port/database, no credentials): `--url` selects them.
  const forgetCommand = target ? `tidemark forget --repo ${shellQuote(target.location)} --url ${shellQuote(sourceOf(source.url).identity)} --keep-last 1 --prune` : null;
  return (
    <>
      <PageHeader title={`Edit ${source.name}`} description="Changes apply to the next backup. Leave the password empty to keep the stored one." />
      <div className="space-y-8">
        <SourceForm storage={storage} edit={{ id, name: source.name, engine: source.engine, view, storageTargetId: source.storageTargetId }} />
        <div className="max-w-3xl">
          <DeleteSource id={id} name={source.name} impact={{ backupSets: impact.backupSets, storedSize: formatBytes(impact.storedBytes), policies: impact.policies, activeJobs: impact.activeJobs, storageName, forgetCommand, drillHostOf: impact.drillHostOf }} />
        </div>
      </div>
    </>
  );
}
