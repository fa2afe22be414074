import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export interface BadgeProps {
  tone?: "neutral" | "indigo" | "amber";
  children: ReactNode;
}

const tones = {
  neutral: "bg-slate-100 text-slate-700",
  indigo: "bg-indigo-50 text-indigo-700",
  amber: "bg-amber-100 text-amber-800",
};

export function Badge({ tone = "neutral", children }: BadgeProps) {
  return <span className={cn("inline-block rounded px-2 py-0.5 text-xs font-medium", tones[tone])}>{children}</span>;
}
