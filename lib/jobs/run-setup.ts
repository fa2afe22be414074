import "server-only";
import { db } from "@/lib/db";
import { describeChecks } from "@/lib/document-runs/checks";
import { documentRunSettingsSchema } from "@/lib/document-runs/settings";
import type { EndpointRole, Run } from "@/lib/generated/prisma/client";

/** An endpoint a run called (or, for a document run, was set to call), in the role it had. */
export interface RunEndpoint {
  id: string;
  /** Its name now; null once the endpoint is deleted. */
  name: string | null;
  role: EndpointRole;
}

/**
 * What a run was set up with, from what is recorded for it and never from the project's settings
 * now, which may have changed since: the endpoints and roles of its tasks, and a document run's
 * own stored settings.
 */
export interface RunSetup {
  endpoints: RunEndpoint[];
  /** GENERATION: what its tasks' roles say (strong and weak, or samplers); null when it has none. */
  generationMode: "STRONG_WEAK" | "MULTI_SAMPLE" | null;
  /** Document runs with their settings stored: items asked per chunk and the checks applied. */
  document: { itemsPerChunk: number; checks: string[] } | null;
}

const ROLE_ORDER: EndpointRole[] = ["STRONG", "WEAK", "SAMPLER", "JUDGE"];

/** `used`: the (endpoint, role) of the run's tasks, one per task group (repeats are fine). */
export async function runSetup(
  run: Pick<Run, "kind" | "settings">,
  used: { endpointId: string; role: EndpointRole }[],
): Promise<RunSetup> {
  const pairs = used.map((u) => ({ id: u.endpointId, role: u.role }));
  let document: RunSetup["document"] = null;
  if (run.kind === "DOC_INSTRUCTIONS" || run.kind === "DOC_PREFERENCES") {
    const parsed = documentRunSettingsSchema.safeParse(run.settings);
    if (parsed.success) {
      const s = parsed.data;
      // A preference run's rejected answers are asked once items are kept: named from the start.
      pairs.push({ id: s.generatorEndpointId, role: "STRONG" });
      if (s.mode === "PREFERENCES") pairs.push({ id: s.rejectedEndpointId ?? s.generatorEndpointId, role: "WEAK" });
      document = { itemsPerChunk: s.itemsPerChunk, checks: describeChecks(s) };
    }
  }
  const unique = [...new Map(pairs.map((p) => [`${p.role} ${p.id}`, p])).values()];
  const names = new Map(
    (
      await db.modelEndpoint.findMany({
        where: { id: { in: [...new Set(unique.map((p) => p.id))] } },
        select: { id: true, name: true },
      })
    ).map((e) => [e.id, e.name]),
  );
  const endpoints = unique
    .map((p) => ({ ...p, name: names.get(p.id) ?? null }))
    .sort(
      (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || (a.name ?? "").localeCompare(b.name ?? ""),
    );
  const roles = new Set(endpoints.map((e) => e.role));
  const generationMode =
    run.kind !== "GENERATION"
      ? null
      : roles.has("SAMPLER")
        ? "MULTI_SAMPLE"
        : roles.has("STRONG") || roles.has("WEAK")
          ? "STRONG_WEAK"
          : null;
  return { endpoints, generationMode, document };
}
