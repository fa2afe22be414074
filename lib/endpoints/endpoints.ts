import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { Prisma, type ModelEndpoint } from "@/lib/generated/prisma/client";
import { encryptSecret } from "./crypto";
import {
  BASE_URL_REQUIRED,
  KEY_FOR_NEW_SERVER,
  createEndpointSchema,
  updateEndpointSchema,
  type CreateEndpointInput,
  type PublicEndpoint,
  type StoredTestResult,
  type UpdateEndpointInput,
} from "./schemas";
import { syncEndpointSlots } from "./slots";

export { getEndpointForCall, type EndpointForCall } from "./endpoint-for-call";

// The client omits the ciphertext column by default (lib/db-client.ts), and nothing here reads it.
type EndpointRow = Omit<ModelEndpoint, "apiKeyCiphertext">;

/** The key's presence is `apiKeyLast4 !== null`; keys too short to hide four characters of show none. */
function keyColumns(apiKey: string): Pick<ModelEndpoint, "apiKeyCiphertext" | "apiKeyLast4"> {
  if (!apiKey) return { apiKeyCiphertext: null, apiKeyLast4: null };
  return { apiKeyCiphertext: encryptSecret(apiKey), apiKeyLast4: apiKey.length >= 12 ? apiKey.slice(-4) : "" };
}

function toPublic(row: EndpointRow): PublicEndpoint {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    baseUrl: row.baseUrl,
    modelId: row.modelId,
    apiKeyLast4: row.apiKeyLast4 === null ? null : `••••${row.apiKeyLast4}`,
    temperature: row.temperature,
    topP: row.topP,
    maxTokens: row.maxTokens,
    seed: row.seed,
    concurrencyLimit: row.concurrencyLimit,
    requestsPerMinute: row.requestsPerMinute,
    inputPricePerMTok: row.inputPricePerMTok,
    outputPricePerMTok: row.outputPricePerMTok,
    structuredOutput: row.structuredOutput,
    detectedOutputMode: row.detectedOutputMode === "AUTO" ? null : row.detectedOutputMode,
    outputModeDetectedAt: row.outputModeDetectedAt?.toISOString() ?? null,
    lastTest:
      row.lastTest && row.lastTestAt
        ? ({ ...(row.lastTest as object), at: row.lastTestAt.toISOString() } as StoredTestResult)
        : null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Active endpoints first, then archived ones, each by name. */
export async function listEndpoints(): Promise<PublicEndpoint[]> {
  const rows = await db.modelEndpoint.findMany({
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
  return rows.map(toPublic);
}

export async function createEndpoint(input: CreateEndpointInput): Promise<PublicEndpoint> {
  const { apiKey, ...data } = createEndpointSchema.parse(input);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.modelEndpoint.create({ data: { ...data, ...keyColumns(apiKey ?? "") } });
    await syncEndpointSlots(tx, created.id, created.concurrencyLimit);
    return created;
  });
  return toPublic(row);
}

/** Partial update; see updateEndpointSchema for what an absent or empty API key means. */
export async function updateEndpoint(
  id: string,
  input: UpdateEndpointInput,
  actorId?: string,
): Promise<PublicEndpoint> {
  const { apiKey, archived, expected, ...data } = updateEndpointSchema.parse(input);
  const row = await db.$transaction(async (tx) => {
    // Locked, so that of two saves opened on the same values only the first finds them.
    await tx.$queryRaw`SELECT 1 FROM "ModelEndpoint" WHERE "id" = ${id} FOR UPDATE`;
    const current = await tx.modelEndpoint.findUniqueOrThrow({ where: { id }, omit: { apiKeyCiphertext: false } });
    const stale = Object.entries(expected ?? {}).filter(
      ([key, value]) => current[key as keyof typeof current] !== value,
    );
    if (stale.length)
      throw await editConflict(
        current,
        stale.map(([key]) => key),
      );
    const provider = data.provider ?? current.provider;
    const baseUrl = data.baseUrl === undefined ? current.baseUrl : data.baseUrl;
    if (provider === "OPENAI_COMPATIBLE" && !baseUrl) {
      throw new z.ZodError([{ code: "custom", path: ["baseUrl"], message: BASE_URL_REQUIRED, input: baseUrl }]);
    }
    // A stored key goes only to the server it was entered for: pointing the endpoint elsewhere
    // (another address or provider) takes the key again, or its removal. Else whoever can edit
    // endpoints could have the key sent to a server of their own.
    const moved = (["provider", "baseUrl"] as const).some(
      (key) => data[key] !== undefined && data[key] !== current[key],
    );
    if (moved && apiKey === undefined && current.apiKeyCiphertext) {
      throw new z.ZodError([{ code: "custom", path: ["apiKey"], message: KEY_FOR_NEW_SERVER, input: undefined }]);
    }
    // What worked for one server, model or setting says nothing about another: detect again.
    const changed = (["provider", "baseUrl", "modelId", "structuredOutput"] as const).some(
      (key) => data[key] !== undefined && data[key] !== current[key],
    );
    // A test result speaks for the connection it was taken with, key included.
    const retest = changed || apiKey !== undefined;
    const updated = await tx.modelEndpoint.update({
      where: { id },
      data: {
        ...data,
        ...(changed ? { detectedOutputMode: null, outputModeDetectedAt: null } : {}),
        ...(retest ? { lastTest: Prisma.DbNull, lastTestAt: null } : {}),
        ...(apiKey === undefined ? {} : keyColumns(apiKey)),
        ...(archived === undefined ? {} : { archivedAt: archived ? (current.archivedAt ?? new Date()) : null }),
        ...(actorId ? { changedById: actorId, changedAt: new Date() } : {}),
      },
    });
    await syncEndpointSlots(tx, id, updated.concurrencyLimit);
    return updated;
  });
  return toPublic(row);
}

const LABELS: Record<string, string> = {
  name: "Name",
  provider: "Provider",
  baseUrl: "Base URL",
  modelId: "Model id",
  temperature: "Temperature",
  topP: "Top P",
  maxTokens: "Max tokens",
  seed: "Seed",
  concurrencyLimit: "Concurrency",
  requestsPerMinute: "Requests per minute",
  inputPricePerMTok: "Input price",
  outputPricePerMTok: "Output price",
  structuredOutput: "Structured output",
};

/** Refuses a save made on a form opened before someone else's, naming who, when and what changed. */
async function editConflict(current: ModelEndpoint, fields: string[]): Promise<ConflictError> {
  const who = current.changedById
    ? await db.user.findUnique({ where: { id: current.changedById }, select: { name: true, email: true } })
    : null;
  const by = who ? (who.name ? `${who.name} (${who.email})` : who.email) : "someone";
  const at = (current.changedAt ?? current.updatedAt).toISOString().slice(0, 16).replace("T", " ");
  return new ConflictError(
    "edit_conflict",
    `This endpoint was changed by ${by} at ${at} UTC since you opened it (${fields.map((f) => LABELS[f] ?? f).join(", ")}). ` +
      "Your changes were not saved: reload to see the current settings, then make your changes again.",
  );
}

/** Archived endpoints stay for provenance (candidates point at them) but are not offered for new work. */
export const archiveEndpoint = (id: string) => updateEndpoint(id, { archived: true });
export const unarchiveEndpoint = (id: string) => updateEndpoint(id, { archived: false });
