"use client";
// Daily backup outcomes: succeeded and failed stacked per day; failures are hatched as well as red.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisStyle, gridStroke, shortDay } from "./axes";

export function OutcomesChart({ data }: { data: { day: string; succeeded: number; failed: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 16, left: 4 }}>
        <defs>
          <pattern id="hatch-failed" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#e11d48" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#fecdd3" strokeWidth="2" />
          </pattern>
        </defs>
        <CartesianGrid strokeDasharray="3 3" vertical={false} {...gridStroke} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={axisStyle} minTickGap={16} label={{ value: "day (UTC)", position: "insideBottom", offset: -10, style: axisStyle }} />
        <YAxis allowDecimals={false} tick={axisStyle} width={40} label={{ value: "backups", angle: -90, position: "insideLeft", style: axisStyle }} />
        <Tooltip labelFormatter={(d) => shortDay(String(d))} />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="succeeded" name="succeeded" stackId="outcome" fill="#10b981" isAnimationActive={false} />
        <Bar dataKey="failed" name="failed" stackId="outcome" fill="url(#hatch-failed)" stroke="#e11d48" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
