"use client";
// The schedule of a policy: presets, the cron expression, the time zone, and a live preview in words and dates
// computed on the server by the same croner code the worker schedules with.
import { useEffect, useState } from "react";
import { inputClass } from "@/components/ui/primitives";
import { previewCronAction } from "@/lib/actions/policies";
import { CRON_PRESETS } from "@/lib/cron-words";

type Preview = { ok: true; words: string; runs: string[] } | { ok: false; error: string } | null;

function runLabel(iso: string, timeZone: string) {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso)).replace(",", "");
}

export function CronField({ defaultCron, defaultTimezone }: { defaultCron: string; defaultTimezone: string }) {
  const [cron, setCron] = useState(defaultCron);
  const [timezone, setTimezone] = useState(defaultTimezone);
  const [preview, setPreview] = useState<Preview>(null);

  useEffect(() => {
    let live = true;
    const t = setTimeout(async () => {
      const r = await previewCronAction({ cron, timezone });
      if (!live) return;
      setPreview(r.ok ? r.data : { ok: false, error: r.error.message });
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [cron, timezone]);

  let tzValid = true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
  } catch {
    tzValid = false;
  }

  return (
    <div className="space-y-2">
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="policy-preset" className="mb-1 block text-sm font-medium">Preset</label>
          <select id="policy-preset" className={inputClass} value={CRON_PRESETS.find((p) => p.cron === cron)?.cron ?? ""} onChange={(e) => e.target.value && setCron(e.target.value)}>
            <option value="">Custom</option>
            {CRON_PRESETS.map((p) => <option key={p.cron} value={p.cron}>{p.label}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="policy-cron" className="mb-1 block text-sm font-medium">Cron expression</label>
          <input id="policy-cron" name="cron" value={cron} onChange={(e) => setCron(e.target.value)} className={`${inputClass} font-mono`} aria-describedby="cron-preview" autoComplete="off" />
        </div>
        <div>
          <label htmlFor="policy-tz" className="mb-1 block text-sm font-medium">Time zone</label>
          <input id="policy-tz" name="timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)} className={inputClass} list="tz-list" autoComplete="off" />
          <datalist id="tz-list">
            {["UTC", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Tokyo", "Asia/Singapore", "Australia/Sydney"].map((z) => <option key={z} value={z} />)}
          </datalist>
        </div>
      </div>
      <div id="cron-preview" aria-live="polite" data-testid="cron-preview" className="rounded-md bg-slate-50 px-3 py-2 text-sm dark:bg-slate-800">
        {!preview ? (
          <span className="text-slate-500">Working out the next runs…</span>
        ) : preview.ok && tzValid ? (
          <>
            <span className="font-medium">{preview.words} ({timezone})</span>
            <span className="text-slate-600 dark:text-slate-300"> — next: {preview.runs.map((r) => runLabel(r, timezone)).join(", ")}</span>
          </>
        ) : (
          <span className="text-rose-700 dark:text-rose-300">{preview.ok ? `Unknown time zone "${timezone}": use an IANA name such as UTC or Europe/Paris` : preview.error}</span>
        )}
      </div>
    </div>
  );
}
