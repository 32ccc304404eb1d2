"use client";
// The wizard's steps as an ordered list of buttons: done steps can be revisited, later ones wait for the earlier.
export function Stepper({ steps, current, reachable, locked = false, onGo }: { steps: string[]; current: number; reachable: number; locked?: boolean; onGo: (i: number) => void }) {
  return (
    <nav aria-label="Restore steps" className="mb-6">
      <ol className="flex flex-wrap gap-2">
        {steps.map((label, i) => {
          const state = i === current ? "current" : i < current ? "done" : "todo";
          return (
            <li key={label}>
              <button
                type="button"
                onClick={() => onGo(i)}
                disabled={i > reachable || (locked && i !== current)}
                aria-current={i === current ? "step" : undefined}
                className={`flex items-center gap-2 rounded-full border px-3 py-1 text-sm disabled:cursor-not-allowed disabled:opacity-50 ${
                  state === "current"
                    ? "border-brand-600 bg-brand-600 text-white"
                    : state === "done"
                      ? "border-brand-300 bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-brand-100"
                      : "border-slate-300 bg-white text-slate-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400"
                }`}
              >
                <span aria-hidden="true" className="tabular-nums">{state === "done" ? "✓" : i + 1}</span>
                <span><span className="sr-only">Step {i + 1}: </span>{label}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
