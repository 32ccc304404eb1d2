import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/primitives";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/db/users";
import { CreateUserForm } from "./CreateUserForm";
import { UsersTable } from "./UsersTable";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireRole("ADMIN");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" description="Admins manage everything; operators run backups and restores; viewers only read." />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[1fr_22rem]">
        <UsersTable users={users.map((u) => ({ ...u, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString() }))} meId={me.id} />
        <CreateUserForm />
      </div>
    </>
  );
}
