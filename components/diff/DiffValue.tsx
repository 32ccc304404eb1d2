// One value of a diff row, as the diff route sends it (lib/diff/display.ts): NULL distinct from the empty string,
// binary as size + hex prefix, long text cut with a "show full" button.
import type { DisplayValue } from "@/lib/diff/display";

export function DiffValue({ value, onShowFull }: { value: DisplayValue | undefined; onShowFull?: () => void }) {
  if (!value || value.kind === "null") return <span className="rounded bg-slate-200 px-1 font-sans text-[11px] font-semibold text-slate-600 dark:bg-slate-700 dark:text-slate-300" title="SQL NULL">NULL</span>;
  if (value.kind === "empty") return <span className="font-sans italic text-slate-500" title="empty string, not NULL">(empty)</span>;
  return (
    <span className="whitespace-pre-wrap break-all" title={value.kind === "binary" ? `binary, ${value.length.toLocaleString("en")} bytes` : undefined}>
      {value.text}
      {value.truncated && onShowFull ? (
        <>
          {" "}
          <button type="button" className="font-sans text-xs text-brand-600 underline" onClick={onShowFull}>
            show full ({value.length.toLocaleString("en")} {value.kind === "binary" ? "bytes" : "characters"})
          </button>
        </>
      ) : null}
    </span>
  );
}
