"use client";
// The timeline of a source's backups in one window: one mark per backup (or counts per bucket when dense), a tooltip
// on hover and on keyboard focus, click to open; "Pick two to compare" turns clicks into a selection.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type KeyboardEvent, type MouseEvent } from "react";
import { buttonClass } from "@/components/ui/primitives";
import { countOf, formatBytes, formatUtc } from "@/lib/format";
import type { TimelineBucket, TimelineData, TimelinePoint } from "@/lib/timeline";
import { FAILED_COLOR, LANES, laneOf, Mark, TimelineLegend, type MarkState } from "./marks";
import { placeX, ticks, zoomIn, type TimeWindow, type Zoom } from "./scale";

const W = 1000;
const LEFT = 110;
const RIGHT = 20;
const LANE_Y = { FULL: 34, DIFFERENTIAL: 84, INCREMENTAL: 134 } as const;
const AXIS_Y = 168;
const H = 196;

const xOf = (t: string | Date, w: TimeWindow) => LEFT + placeX(new Date(t), w) * (W - LEFT - RIGHT);

function stateOf(p: TimelinePoint): MarkState {
  if (p.status === "FAILED" || p.verification === "FAILED") return "failed";
  return p.verification === "VERIFIED" ? "verified" : "unverified";
}

function describePoint(p: TimelinePoint): string[] {
  const lane = laneOf(p.type);
  if (p.kind === "failed-job") return [`${lane.label} backup failed`, formatUtc(p.at), p.error ?? "See the job's log", "Opens the job"];
  const verification = p.verification === "VERIFIED" ? "verified" : p.verification === "FAILED" ? "verification FAILED" : "not verified yet";
  return [
    `${lane.label} backup${p.preRestore ? " (taken before a restore)" : ""}${p.pinned ? " · pinned" : ""}`,
    `${formatUtc(p.at, { seconds: true })} · ${verification}`,
    `${countOf(p.tableCount, "table")} · ${countOf(p.rowCount, "row")} · ${formatBytes(p.logicalBytes)} (${formatBytes(p.storedBytes)} stored)`,
    ...(p.places?.length ? [`In ${p.places.join("; ")}`] : []),
  ];
}

function describeBucket(b: TimelineBucket): string[] {
  const lane = laneOf(b.type);
  return [
    `${b.count} ${lane.label.toLowerCase()} backup run${b.count === 1 ? "" : "s"}${b.failed ? ` · ${b.failed} failed` : ""}${b.verifyFailed ? ` · ${b.verifyFailed} failed verification` : ""}`,
    `${formatUtc(b.start)} – ${formatUtc(b.end)}`,
    "Opens a closer view",
  ];
}

interface Tip {
  x: number;
  y: number;
  lines: string[];
  /** Set when keyboard focus put it there: the mark gets a focus ring. */
  focusedKey?: string;
}

export function Timeline({ sourceId, window: w, data }: { sourceId: string; window: { zoom: Zoom; from: string; to: string }; data: TimelineData }) {
  const router = useRouter();
  const win: TimeWindow = { zoom: w.zoom, from: new Date(w.from), to: new Date(w.to) };
  const [tip, setTip] = useState<Tip | null>(null);
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);

  const hrefOf = (p: TimelinePoint) => (p.kind === "failed-job" ? `/jobs/${p.id}` : `/sources/${sourceId}/backups/${p.id}`);
  const selectable = (p: TimelinePoint) => p.kind === "backup" && p.status === "COMPLETED";

  function activate(p: TimelinePoint, e: MouseEvent | KeyboardEvent) {
    if (!picking || !selectable(p)) return;
    e.preventDefault();
    setPicked((cur) => (cur.includes(p.id) ? cur.filter((id) => id !== p.id) : [...cur, p.id].slice(-2)));
  }

  const pickedPoints = data.mode === "points" ? data.points.filter((p) => picked.includes(p.id)).sort((a, b) => a.at.localeCompare(b.at)) : [];
  const compareHref = pickedPoints.length === 2 ? `/sources/${sourceId}/compare?from=${pickedPoints[0].id}&to=${pickedPoints[1].id}` : null;
  const finer = zoomIn(win.zoom);
  // Dense windows get smaller marks so neighbours stay apart; the shape and letter still tell the type.
  const markR = data.mode === "points" && data.points.length > 60 ? 6 : 9;

  return (
    <div>
      <div className="relative">
        <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="group" aria-label={`Backups from ${formatUtc(win.from)} to ${formatUtc(win.to)}`} data-testid="timeline">
          {LANES.map((l) => (
            <g key={l.type}>
              <line x1={LEFT} x2={W - RIGHT} y1={LANE_Y[l.type]} y2={LANE_Y[l.type]} stroke="#e2e8f0" />
              <text x={8} y={LANE_Y[l.type]} dominantBaseline="central" fontSize={13} fill="#475569">{l.label}</text>
            </g>
          ))}
          <line x1={LEFT} x2={W - RIGHT} y1={AXIS_Y} y2={AXIS_Y} stroke="#94a3b8" />
          {ticks(win).map((t) => (
            <g key={t.at.toISOString()}>
              <line x1={xOf(t.at, win)} x2={xOf(t.at, win)} y1={AXIS_Y} y2={AXIS_Y + 5} stroke="#94a3b8" />
              <text x={xOf(t.at, win)} y={AXIS_Y + 18} textAnchor="middle" fontSize={11} fill="#64748b">{t.label}</text>
            </g>
          ))}
          {data.mode === "points"
            ? data.points.map((p) => {
                const x = xOf(p.at, win);
                const y = LANE_Y[p.type];
                const lines = describePoint(p);
                const show = () => setTip({ x: x / W, y, lines });
                const focus = () => setTip({ x: x / W, y, lines, focusedKey: p.id });
                return (
                  <a
                    key={p.id}
                    href={hrefOf(p)}
                    aria-label={`${lines.join(". ")}${picking && selectable(p) ? (picked.includes(p.id) ? ". Selected" : ". Press Enter to select") : ""}`}
                    data-testid="timeline-point"
                    data-type={p.type}
                    className="cursor-pointer outline-none"
                    onMouseEnter={show}
                    onFocus={focus}
                    onMouseLeave={() => setTip(null)}
                    onBlur={() => setTip(null)}
                    onClick={(e) => {
                      if (picking) return activate(p, e);
                      e.preventDefault();
                      router.push(hrefOf(p));
                    }}
                  >
                    <g transform={`translate(${x},${y})`}>
                      {tip?.focusedKey === p.id ? <circle r={markR + 5} fill="none" stroke="#0f172a" strokeWidth={2.5} /> : null}
                      <Mark type={p.type} state={stateOf(p)} selected={picked.includes(p.id)} r={markR} />
                    </g>
                  </a>
                );
              })
            : data.buckets.map((b) => {
                const x0 = xOf(b.start, win);
                const x1 = Math.max(x0 + 4, xOf(b.end, win) - 2);
                const y = LANE_Y[b.type];
                const lane = laneOf(b.type);
                const lines = describeBucket(b);
                const href = `/sources/${sourceId}?zoom=${finer ?? win.zoom}&end=${encodeURIComponent(b.end)}`;
                const key = `${b.start}.${b.type}`;
                const show = () => setTip({ x: (x0 + x1) / 2 / W, y, lines });
                const focus = () => setTip({ x: (x0 + x1) / 2 / W, y, lines, focusedKey: key });
                return (
                  <a key={key} href={href} aria-label={lines.join(". ")} data-testid="timeline-bucket" onMouseEnter={show} onFocus={focus} onMouseLeave={() => setTip(null)} onBlur={() => setTip(null)}
                    onClick={(e) => { e.preventDefault(); router.push(href); }} className="outline-none">
                    <rect x={x0} y={y - 11} width={x1 - x0} height={22} rx={3} fill={lane.color} fillOpacity={0.25} stroke={tip?.focusedKey === key ? "#0f172a" : b.failed + b.verifyFailed ? FAILED_COLOR : lane.color} strokeWidth={tip?.focusedKey === key ? 3 : b.failed + b.verifyFailed ? 2 : 1} />
                    {x1 - x0 >= 14 ? <text x={(x0 + x1) / 2} y={y} textAnchor="middle" dominantBaseline="central" fontSize={10} fontWeight={600} fill="#0f172a">{b.count}</text> : null}
                    {b.failed + b.verifyFailed ? <text x={(x0 + x1) / 2} y={y - 17} textAnchor="middle" fontSize={10} fill={FAILED_COLOR}>✕</text> : null}
                  </a>
                );
              })}
        </svg>
        {tip ? (
          <div role="tooltip" data-testid="timeline-tooltip" className="pointer-events-none absolute z-10 w-80 -translate-x-1/2 rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg"
            style={{ left: `${Math.min(80, Math.max(20, tip.x * 100))}%`, top: `${(tip.y / H) * 100 + 10}%` }}>
            {tip.lines.map((l, i) => <div key={i} className={i === 0 ? "font-semibold" : ""}>{l}</div>)}
          </div>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
        <TimelineLegend />
        {data.mode === "points" ? (
          <div className="flex items-center gap-2">
            <button type="button" className={buttonClass.secondary} aria-pressed={picking} onClick={() => { setPicking(!picking); setPicked([]); }}>
              {picking ? "Stop picking" : "Pick two to compare"}
            </button>
            {picking ? (
              compareHref ? <Link href={compareHref} className={buttonClass.primary}>Compare the two selected</Link>
              : <span className="text-xs text-slate-500" aria-live="polite">{picked.length === 1 ? "Select one more backup" : "Select two backups on the timeline"}</span>
            ) : null}
          </div>
        ) : (
          <p className="text-xs text-slate-500">Too many backups to show one by one: each bar counts the backups in its slice. Zoom in to pick two to compare.</p>
        )}
      </div>
    </div>
  );
}
