import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { LISTED_TEXT_CHARS } from "@/lib/prompts/list-prompts";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => session.user,
  sessionAccountDeactivated: async () => false,
}));

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const list: Route = (await import("./route")).GET;
const one: Route = (await import("./[promptId]/route")).GET;
const get = async (route: Route, params: Record<string, string>) => {
  const res = await route(new Request("http://test/api/x"), { params: Promise.resolve(params) });
  return { status: res.status, body: await res.json() };
};

describe("prompts API", () => {
  beforeEach(() => {
    session.user = null;
  });

  it("marks a text the list cuts, never passing its start off as the text, and gives the prompt whole", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    session.user = { id: admin.id, email: admin.email, name: null, role: "ADMIN" };
    const project = await createTestProject({ createdById: admin.id });
    // Ends in the character the list once appended to a cut text.
    const long = `${"a".repeat(LISTED_TEXT_CHARS + 10)}…`;
    const system = "s".repeat(LISTED_TEXT_CHARS * 2);
    const cut = await db.prompt.create({ data: { projectId: project.id, text: long, system, promptKey: "a" } });
    const whole = await db.prompt.create({ data: { projectId: project.id, text: "short…", promptKey: "b" } });

    const { body } = await get(list, { id: project.id });
    const byId = new Map(body.prompts.map((p: { id: string }) => [p.id, p]));
    expect(byId.get(cut.id)).toMatchObject({
      text: "a".repeat(LISTED_TEXT_CHARS),
      textTruncated: true,
      textLength: long.length,
      system: "s".repeat(LISTED_TEXT_CHARS),
      systemTruncated: true,
      systemLength: system.length,
    });
    expect(byId.get(whole.id)).toMatchObject({
      text: "short…",
      textTruncated: false,
      textLength: 6,
      system: null,
      systemTruncated: false,
    });

    expect(await get(one, { id: project.id, promptId: cut.id })).toMatchObject({
      status: 200,
      body: { prompt: { id: cut.id, text: long, system } },
    });
    const other = await createTestProject({ createdById: admin.id });
    expect((await get(one, { id: other.id, promptId: cut.id })).status).toBe(404);
  });
});
