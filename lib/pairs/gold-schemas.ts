import { z } from "zod";
import { LABELS } from "@/lib/labels/precedence";

// Marking a pair gold: its known answer. Client-safe, shared by the pair page's form and the route.
export const goldSchema = z.object({
  label: z.enum(LABELS, { error: "Choose the known answer: A, B, tie or both bad" }),
});
