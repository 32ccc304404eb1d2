// One backup's mark on the timeline: shape and letter by type (never colour alone), filled when verified, an outline
// when not yet verified, a ✕ when it failed.
export const LANES = [
  { type: "FULL", label: "Full", letter: "F", color: "#4f46e5" },
  { type: "DIFFERENTIAL", label: "Differential", letter: "D", color: "#b45309" },
  { type: "INCREMENTAL", label: "Incremental", letter: "I", color: "#0f766e" },
] as const;
export type LaneType = (typeof LANES)[number]["type"];
export const FAILED_COLOR = "#be123c";

export function laneOf(type: LaneType) {
  return LANES.find((l) => l.type === type)!;
}

export type MarkState = "verified" | "unverified" | "failed";

/** A mark centred at (0,0); `r` is its half-size. */
export function Mark({ type, state, r = 9, selected = false }: { type: LaneType; state: MarkState; r?: number; selected?: boolean }) {
  const lane = laneOf(type);
  const color = state === "failed" ? FAILED_COLOR : lane.color;
  const fill = state === "verified" ? color : state === "failed" ? "#fff1f2" : "#ffffff";
  const textColor = state === "verified" ? "#ffffff" : color;
  const common = { fill, stroke: color, strokeWidth: state === "unverified" ? 2 : 1.5 };
  const shape =
    type === "FULL" ? <rect x={-r} y={-r} width={2 * r} height={2 * r} rx={2} {...common} />
    : type === "DIFFERENTIAL" ? <polygon points={`0,${-r - 2} ${r + 2},0 0,${r + 2} ${-r - 2},0`} {...common} />
    : <circle r={r} {...common} />;
  return (
    <g aria-hidden="true">
      {selected ? <circle r={r + 6} fill="none" stroke="#0f172a" strokeWidth={2.5} strokeDasharray="3 2" /> : null}
      {shape}
      <text textAnchor="middle" dominantBaseline="central" fontSize={r * 1.15} fontWeight={700} fill={textColor} style={{ pointerEvents: "none" }}>
        {state === "failed" ? "✕" : lane.letter}
      </text>
    </g>
  );
}

export function TimelineLegend() {
  const item = (key: string, label: string, mark: React.ReactNode) => (
    <li key={key} className="flex items-center gap-1.5">
      <svg width="24" height="24" viewBox="-12 -12 24 24" aria-hidden="true">{mark}</svg>
      {label}
    </li>
  );
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label="Legend">
      {LANES.map((l) => item(l.type, `${l.label} (${l.letter})`, <Mark type={l.type} state="verified" r={8} />))}
      {item("unverified", "Not verified yet (outline)", <Mark type="INCREMENTAL" state="unverified" r={8} />)}
      {item("failed", "Failed backup or verification (✕)", <Mark type="INCREMENTAL" state="failed" r={8} />)}
    </ul>
  );
}
