import type { ButtonHTMLAttributes } from "react";
import { cn } from "@/lib/cn";

export interface ToggleButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children"> {
  label: string;
  /** The shortcut, shown on the button and announced through aria-keyshortcuts, not in the name. */
  shortcut?: string;
  keyshortcuts?: string;
  pressed?: boolean;
  tone?: "choice" | "plain";
}

export function ToggleButton({
  label,
  shortcut,
  keyshortcuts,
  pressed,
  tone = "plain",
  className,
  ...props
}: ToggleButtonProps) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      aria-keyshortcuts={keyshortcuts ?? shortcut}
      className={cn(
        "inline-flex items-center gap-2 rounded-md border px-3 py-1.5 text-sm font-medium",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50",
        pressed
          ? "border-indigo-600 bg-indigo-600 text-white"
          : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
        tone === "choice" && "min-w-28 justify-center py-2",
        className,
      )}
      {...props}
    >
      {label}
      {shortcut && (
        <kbd
          aria-hidden
          className={cn("rounded px-1 font-mono text-xs", pressed ? "bg-indigo-500" : "bg-slate-100 text-slate-600")}
        >
          {shortcut}
        </kbd>
      )}
    </button>
  );
}
