import type { Metadata } from "next";
import { SourceForm } from "@/components/sources/SourceForm";
import { PageHeader } from "@/components/ui/primitives";
import { requireRole } from "@/lib/auth/session";
import { storageOptions } from "@/lib/db/storage";

export const metadata: Metadata = { title: "Add a source" };

export default async function NewSourcePage() {
  await requireRole("ADMIN");
  const storage = await storageOptions();
  return (
    <>
      <PageHeader title="Add a source" description="A database Tidemark will back up. Test the connection before saving: it shows the server version, the size and any privilege a backup needs." />
      <SourceForm storage={storage} />
    </>
  );
}
