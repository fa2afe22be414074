"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { labelledIndex } from "./chart-scale";

export interface BarSeries {
  key: string;
  label: string;
  color: string;
}

export interface BarsProps {
  data: Record<string, string | number>[];
  series?: BarSeries[];
  /** Domain of the value axis; shares use [0, 1]. */
  domain?: [number, number];
  /** The value axis's ticks, with `domain` (niceScale gives both for amounts of any size). */
  ticks?: number[];
  format?: (value: number) => string;
  /** The value axis's labels, when they need fewer decimals than the tooltip; `format` by default. */
  tickFormat?: (value: number) => string;
  /** A dashed line at this value, e.g. 0.5 where an unbiased judge would sit. */
  reference?: number;
  height?: number;
  /** At most this many category labels (every nth, the last kept): 30 dates side by side overlap. */
  maxLabels?: number;
  /**
   * Bars running left to right, one per line with its label in full before it: for a few
   * categories with long names (a funnel's steps), which overlap when set side by side.
   */
  horizontal?: boolean;
}

const single: BarSeries[] = [{ key: "value", label: "Value", color: "#4f46e5" }];

/**
 * A bar chart over `data[].name` (metrics, dashboard). Hidden from screen readers: every chart has its
 * numbers written beside it, which is the text equivalent.
 */
export function Bars({
  data,
  series = single,
  domain,
  ticks,
  format = String,
  tickFormat = format,
  reference,
  height = 180,
  maxLabels,
  horizontal = false,
}: BarsProps) {
  const labelled = labelledIndex(data.length, maxLabels ?? data.length);
  return (
    <div aria-hidden="true" className="w-full" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={horizontal} horizontal={!horizontal} />
          {horizontal ? (
            <>
              <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} interval={0} width={170} />
              <XAxis
                type="number"
                domain={domain}
                ticks={ticks}
                tickFormatter={tickFormat}
                tick={{ fontSize: 11 }}
                allowDecimals={!!domain}
              />
            </>
          ) : (
            <>
              <XAxis
                dataKey="name"
                tick={{ fontSize: 11 }}
                interval={0}
                tickFormatter={(name: string, i: number) => (labelled(i) ? name : "")}
              />
              <YAxis
                domain={domain}
                ticks={ticks}
                tickFormatter={tickFormat}
                tick={{ fontSize: 11 }}
                width={48}
                allowDecimals={!!domain}
              />
            </>
          )}
          <Tooltip formatter={(v) => format(Number(v))} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {reference !== undefined && <ReferenceLine y={reference} stroke="#94a3b8" strokeDasharray="4 4" />}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
