"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass, Card, inputClass } from "@/components/ui/primitives";
import { createUserAction } from "@/lib/actions/users";
import { ROLE_LABEL, ROLES, type Role } from "@/lib/auth/roles";

export function CreateUserForm() {
  const router = useRouter();
  const [error, setError] = useState<{ message: string; fields?: Record<string, string> } | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string | null } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setPending(true);
    setError(null);
    setCreated(null);
    const result = await createUserAction({
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role")) as Role,
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCreated({ email: result.data.email, password: result.data.generatedPassword });
    formEl.reset();
    router.refresh();
  }

  return (
    <Card title="Add a user">
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <div>
          <label htmlFor="new-email" className="mb-1 block text-sm font-medium">E-mail</label>
          <input id="new-email" name="email" type="email" required className={inputClass} />
          {error?.fields?.email ? <p className="mt-1 text-xs text-rose-700">{error.fields.email}</p> : null}
        </div>
        <div>
          <label htmlFor="new-name" className="mb-1 block text-sm font-medium">Name</label>
          <input id="new-name" name="name" required className={inputClass} />
        </div>
        <div>
          <label htmlFor="new-role" className="mb-1 block text-sm font-medium">Role</label>
          <select id="new-role" name="role" defaultValue="OPERATOR" className={inputClass}>
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="new-password" className="mb-1 block text-sm font-medium">Password</label>
          <input id="new-password" name="password" type="password" autoComplete="new-password" className={inputClass} aria-describedby="new-password-hint" />
          <p id="new-password-hint" className="mt-1 text-xs text-slate-500">Leave empty to generate one, shown once.</p>
        </div>
        {error ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{error.message}</p> : null}
        {created ? (
          <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
            Created {created.email}.
            {created.password ? (
              <> Their password is <code className="font-mono" data-testid="generated-password">{created.password}</code> — copy it now, it is not shown again.</>
            ) : null}
          </div>
        ) : null}
        <button type="submit" disabled={pending} className={buttonClass.primary}>{pending ? "Creating…" : "Create user"}</button>
      </form>
    </Card>
  );
}
