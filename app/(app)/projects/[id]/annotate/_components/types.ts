// The browser's view of the annotation API (app/api/projects/[id]/annotate/), typed from the
// shared schemas. No model names: an annotator only sees the two texts, on the server's sides.

export type { AnnotationItem, Progress } from "@/lib/annotation/schemas";
import type { z } from "zod";
import type { AnnotationItem, Progress, skipSchema, VoteInput } from "@/lib/annotation/schemas";

/** What POST …/annotate/votes and …/skips take: the shared zod schemas' input. */
export type VoteBody = VoteInput;
export type SkipBody = z.input<typeof skipSchema>;

export type Choice = VoteBody["choice"];
export type Strength = NonNullable<VoteBody["strength"]>;
export type Flag = NonNullable<VoteBody["flags"]>[number];
export type Side = Extract<Choice, "LEFT" | "RIGHT">;

export const FLAGS: { value: Flag; label: string }[] = [
  { value: "harmful", label: "Harmful" },
  { value: "personal_data", label: "Personal data" },
  { value: "broken", label: "Broken" },
];

export interface NextResponse {
  items: AnnotationItem[];
  progress: Progress;
}
