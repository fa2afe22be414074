import { handler } from "@/lib/api/handler";
import { writeHoldSchema, writeParams } from "@/lib/writing/schemas";
import { holdWrite } from "@/lib/writing/submit";

// Sent while the writer types, so a prompt is not taken from someone still answering it.
export const POST = handler(
  { access: "user", project: "member", params: writeParams, body: writeHoldSchema },
  async ({ project, body, user }) => holdWrite(project.id, user.id, body),
);
