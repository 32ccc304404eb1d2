"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/primitives";
import { testChannelAction } from "@/lib/actions/notifications";

export function TestChannelButton({ channelId, name }: { channelId: string; name: string }) {
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={buttonClass.secondary}
        disabled={pending}
        aria-label={`Send a test to ${name}`}
        onClick={async () => {
          setPending(true);
          const r = await testChannelAction({ channelId });
          setPending(false);
          if (!r.ok) setState({ ok: false, text: r.error.message });
          else setState({ ok: r.data.ok, text: r.data.ok ? "Delivered" : `Not delivered: ${r.data.error}` });
        }}
      >
        {pending ? "Sending…" : "Send a test"}
      </button>
      {state ? <span role="status" className={`text-xs ${state.ok ? "text-emerald-700 dark:text-emerald-300" : "text-rose-700 dark:text-rose-300"}`}>{state.text}</span> : null}
    </div>
  );
}
