"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {Badge, DataTable, tableClass } from "@/components/ui/primitives";
import { setUserDisabledAction, setUserRoleAction } from "@/lib/actions/users";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/auth/roles";

interface Row {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
}

export function UsersTable({ users, meId }: { users: Row[]; meId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function run(action: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    setError(null);
    start(async () => {
      const result = await action();
      if (!result.ok) setError(result.error?.message ?? "The change failed.");
      router.refresh();
    });
  }

  return (
    <DataTable headers={["User", "Role", "Last sign-in", "State"]} className="self-start" above={error ? <p role="alert" className="m-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{error}</p> : null}>
      {users.map((u) => (
        <tr key={u.id} data-testid={`user-row-${u.email}`}>
          <td className={tableClass.td}>
            <div className="font-medium">{u.name}{u.id === meId ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}</div>
            <div className="text-xs text-slate-500">{u.email}</div>
          </td>
          <td className={tableClass.td}>
            <label className="sr-only" htmlFor={`role-${u.id}`}>Role of {u.email}</label>
            <select
              id={`role-${u.id}`}
              value={u.role}
              disabled={pending}
              onChange={(e) => run(() => setUserRoleAction({ userId: u.id, role: e.target.value as Role }))}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
            >
              {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
            </select>
          </td>
          <td className={`${tableClass.td} text-xs`}>{u.lastLoginAt ? u.lastLoginAt.replace("T", " ").slice(0, 16) + " UTC" : "never"}</td>
          <td className={tableClass.td}>
            {u.disabled ? <Badge tone="bad">disabled</Badge> : <Badge tone="good">active</Badge>}
            {u.id !== meId ? (
              <button
                type="button"
                disabled={pending}
                onClick={() => {
                  if (!u.disabled && !window.confirm(`Disable ${u.email}? They will be signed out and cannot sign in until enabled again.`)) return;
                  run(() => setUserDisabledAction({ userId: u.id, disabled: !u.disabled }));
                }}
                className="ml-2 text-xs font-medium text-brand-600 hover:underline"
              >
                {u.disabled ? "Enable" : "Disable"}
              </button>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
