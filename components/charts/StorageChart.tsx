"use client";
// Storage over time: what the kept backups hold (logical) against what they take after dedup and compression (stored).
import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes } from "@/lib/format";
import { axisStyle, gridStroke, bytesTick, shortDay } from "./axes";

export function StorageChart({ data }: { data: { day: string; logicalBytes: number; storedBytes: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 16, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} {...gridStroke} />
        <XAxis dataKey="day" tickFormatter={shortDay} tick={axisStyle} minTickGap={24} label={{ value: "day (UTC)", position: "insideBottom", offset: -10, style: axisStyle }} />
        <YAxis tickFormatter={bytesTick} tick={axisStyle} width={64} />
        <Tooltip labelFormatter={(d) => shortDay(String(d))} formatter={(v) => formatBytes(Number(v))} />
        <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
        <Area type="stepAfter" dataKey="logicalBytes" name="logical (as plain dumps)" stroke="#94a3b8" fill="#e2e8f0" strokeDasharray="5 3" isAnimationActive={false} />
        <Area type="stepAfter" dataKey="storedBytes" name="stored (after dedup + compression)" stroke="#1f8aa8" fill="#1f8aa8" fillOpacity={0.35} isAnimationActive={false} />
      </AreaChart>
    </ResponsiveContainer>
  );
}
