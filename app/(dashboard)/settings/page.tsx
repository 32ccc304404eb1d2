import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/primitives";
import { hasRole, ROLE_LABEL } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const admin = hasRole(user.role, "ADMIN");
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title="Your account">
          <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Name</dt><dd>{user.name}</dd>
            <dt className="text-slate-500">E-mail</dt><dd>{user.email}</dd>
            <dt className="text-slate-500">Role</dt><dd>{ROLE_LABEL[user.role]}</dd>
          </dl>
        </Card>
        {admin ? (
          <Card title="Administration">
            <ul className="space-y-2 text-sm">
              <li><Link className="font-medium text-brand-600 hover:underline" href="/settings/users">Users and roles</Link> — invite people, change roles, disable accounts</li>
              <li><Link className="font-medium text-brand-600 hover:underline" href="/settings/audit">Audit log</Link> — every sign-in and every change, with who, when and from where</li>
              <li><Link className="font-medium text-brand-600 hover:underline" href="/settings/notifications">Notifications</Link> — webhooks for failures, missed RPOs and successes</li>
            </ul>
          </Card>
        ) : (
          <Card title="Administration">
            <p className="text-sm text-slate-600 dark:text-slate-400">Users, notifications and the audit log are managed by admins.</p>
          </Card>
        )}
      </div>
    </>
  );
}
