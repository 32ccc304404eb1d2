import type { ReactNode } from "react";
import { AppShell, type NavItem } from "@/components/shell/AppShell";
import { hasRole, ROLE_LABEL } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const nav: NavItem[] = [
    { href: "/", label: "Overview" },
    { href: "/sources", label: "Sources" },
    { href: "/jobs", label: "Jobs" },
    ...(hasRole(user.role, "ADMIN") ? [{ href: "/storage", label: "Storage" }] : []),
    { href: "/reports", label: "Reports" },
    { href: "/settings", label: "Settings" },
  ];
  return (
    <AppShell nav={nav} user={{ name: user.name, email: user.email, roleLabel: ROLE_LABEL[user.role] }}>
      {children}
    </AppShell>
  );
}
