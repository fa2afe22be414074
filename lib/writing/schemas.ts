import { z } from "zod";
import { idParamsSchema } from "@/lib/params";

/**
 * The length the minimum is checked against, in characters (code points) without the leading and
 * trailing whitespace: what the editor's counter shows. The text itself is stored untouched.
 */
export const answerLength = (text: string) => Array.from(text.trim()).length;

/** The longest answer, in characters (code points) of the text as stored, spaces included. */
export const MAX_ANSWER_CHARS = 100_000;
export const storedLength = (text: string) => Array.from(text).length;
export const tooLongMessage = (length: number) =>
  `An answer is at most ${MAX_ANSWER_CHARS.toLocaleString("en")} characters; this one has ${length.toLocaleString("en")}`;

export const writeParams = idParamsSchema;

export const writeNextSchema = z.object({
  /** The assignment the client already shows, so a reload of the queue does not serve it twice. */
  holding: z.array(z.string().max(100)).max(5).default([]),
});

export const writeSubmitSchema = z.object({
  assignmentId: z.string().min(1).max(100),
  // Stored exactly as typed: no trimming (the length check counts what is stored).
  text: z.string({ error: "Write an answer" }).superRefine((text, ctx) => {
    const length = storedLength(text);
    if (length > MAX_ANSWER_CHARS) ctx.addIssue({ code: "custom", message: tooLongMessage(length) });
  }),
  timeTakenMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600 * 1000),
});
export type WriteSubmitInput = z.input<typeof writeSubmitSchema>;

export const writeSkipSchema = z.object({
  assignmentId: z.string().min(1).max(100),
  reason: z.string().trim().min(1, "Give a reason for skipping").max(500),
});
export type WriteSkipInput = z.input<typeof writeSkipSchema>;

/** Keeps a prompt the writer is answering held (sent while they type). */
export const writeHoldSchema = z.object({
  assignmentId: z.string().min(1).max(100),
});
export type WriteHoldInput = z.input<typeof writeHoldSchema>;

/** How long the writer holds a prompt: until when, and for how long from the server's now (clocks differ). */
export interface WriteHold {
  leasedUntil: string;
  heldForMs: number;
}

export interface WriteTask extends WriteHold {
  assignmentId: string;
  prompt: { text: string; system: string | null };
}

export interface WriteProgress {
  /** Prompts this writer could still be served (not yet theirs, with a slot not filled). */
  leftForYou: number;
  /** Prompts short of answers that other writers hold now: they come back if a hold ends unused. */
  heldByOthers: number;
  mineTotal: number;
  /** Written answers in the project, and how many the settings ask for. */
  projectWritten: number;
  projectWanted: number;
}

export interface WriteState {
  task: WriteTask | null;
  minAnswerChars: number;
  progress: WriteProgress;
}
