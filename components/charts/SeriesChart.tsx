"use client";
// Lines over time, one per source (each with its own points): backup durations, drill restore times.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisStyle, gridStroke, dayTime, msTick, SERIES_COLOURS, shortDay, timeTick } from "./axes";

export interface Series {
  name: string;
  points: { at: number; ms: number }[];
}

export function SeriesChart({ series, yLabel }: { series: Series[]; yLabel: string }) {
  const all = series.flatMap((s) => s.points.map((p) => p.at));
  const [lo, hi] = [Math.min(...all), Math.max(...all)];
  // One point alone still needs some width around it.
  const domain = hi > lo ? [lo, hi] : [lo - 3600_000, hi + 3600_000];
  const days = shortDay(domain[0]) === shortDay(domain[1]) ? shortDay(domain[1]) : `${shortDay(domain[0])} – ${shortDay(domain[1])}`;
  const sameDays = domain[1] - domain[0] < 2 * 24 * 3600_000;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} margin={{ top: 4, right: 12, bottom: 16, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" {...gridStroke} />
        <XAxis dataKey="at" type="number" scale="time" domain={domain} tickFormatter={timeTick(domain)} tick={axisStyle} minTickGap={24}
          label={{ value: sameDays ? `time (UTC), ${days}` : "date (UTC)", position: "insideBottom", offset: -10, style: axisStyle }} allowDuplicatedCategory={false} />
        <YAxis dataKey="ms" tickFormatter={msTick} tick={axisStyle} width={64} label={{ value: yLabel, angle: -90, position: "insideLeft", style: axisStyle }} />
        <Tooltip labelFormatter={(v) => dayTime(Number(v))} formatter={(v) => msTick(Number(v))} />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Line key={s.name} data={s.points} dataKey="ms" name={s.name} stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]} strokeWidth={2}
            dot={{ r: 3 }} isAnimationActive={false} strokeDasharray={i % 2 ? "6 3" : undefined} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
