"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { buttonClass, Card, inputClass } from "@/components/ui/primitives";
import { createChannelAction } from "@/lib/actions/notifications";

const EVENTS = [
  { value: "failure", label: "Failed jobs" },
  { value: "at-risk", label: "Sources missing their RPO" },
  { value: "success", label: "Successful backups" },
] as const;

export function ChannelForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setPending(true);
    const result = await createChannelAction({
      name: String(form.get("name") ?? ""),
      url: String(form.get("url") ?? ""),
      events: form.getAll("events").map(String) as ("failure" | "at-risk" | "success")[],
    });
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    formEl.reset();
    router.refresh();
  }

  return (
    <Card title="Add a webhook">
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <div>
          <label htmlFor="channel-name" className="mb-1 block text-sm font-medium">Name</label>
          <input id="channel-name" name="name" required className={inputClass} placeholder="#dba-alerts" />
        </div>
        <div>
          <label htmlFor="channel-url" className="mb-1 block text-sm font-medium">Webhook URL</label>
          <input id="channel-url" name="url" type="url" required className={inputClass} aria-describedby="channel-url-hint" />
          <p id="channel-url-hint" className="mt-1 text-xs text-slate-500">Stored encrypted and never shown again.</p>
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Send on</legend>
          {EVENTS.map((e) => (
            <label key={e.value} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={e.value} defaultChecked={e.value !== "success"} /> {e.label}
            </label>
          ))}
        </fieldset>
        {error ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{error}</p> : null}
        <button type="submit" disabled={pending} className={buttonClass.primary}>{pending ? "Adding…" : "Add webhook"}</button>
      </form>
    </Card>
  );
}
