"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/primitives";
import { backUpNowAction } from "@/lib/actions/jobs";

export function BackUpNowButton({ sourceId, sourceName }: { sourceId: string; sourceName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        className={`${buttonClass.secondary} whitespace-nowrap`}
        disabled={pending}
        aria-label={`Back up ${sourceName} now`}
        onClick={async () => {
          setPending(true);
          setError(null);
          const result = await backUpNowAction({ sourceId, type: "incremental" });
          if (result.ok) router.push(`/jobs/${result.data.jobId}`);
          else {
            setError(result.error.message);
            setPending(false);
          }
        }}
      >
        {pending ? "Starting…" : "Back up now"}
      </button>
      {error ? <p role="alert" className="mt-1 text-xs text-rose-700">{error}</p> : null}
    </div>
  );
}
