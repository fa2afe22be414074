import { createHash } from "node:crypto";
import { db } from "@/lib/db";

const NOUNS = [
  "river",
  "garden",
  "engine",
  "library",
  "market",
  "harbour",
  "mountain",
  "kitchen",
  "village",
  "orchard",
  "lantern",
  "bridge",
  "meadow",
  "workshop",
  "forest",
  "station",
  "museum",
  "island",
  "canal",
  "valley",
];
const VERBS = [
  "shapes",
  "feeds",
  "guards",
  "crosses",
  "changes",
  "follows",
  "shelters",
  "connects",
  "outlasts",
  "mirrors",
];
const ADJS = ["quiet", "ancient", "busy", "narrow", "golden", "distant", "patient", "hidden", "gentle", "crowded"];

/** Prose that reads as sentences, different for every (seed, index): enough for chunks and items. */
export function prose(seed: string, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const h = createHash("sha256").update(`${seed}:${i}`).digest();
    const w = (k: number, list: string[]) => list[h[k]! % list.length]!;
    out.push(
      `The ${w(0, ADJS)} ${w(1, NOUNS)} ${w(2, VERBS)} the ${w(3, ADJS)} ${w(4, NOUNS)} near the ${w(5, NOUNS)} every ${w(6, ADJS)} season of ${w(7, NOUNS)} number ${h[8]! % 97}.`,
    );
  }
  return out.join(" ");
}

/** A project with `documents` documents and two endpoints on the loopback server. */
export async function documentProject(
  server: { baseUrl: string },
  opts: { documents: number; sentences?: number; concurrency?: number },
) {
  const admin = await db.user.create({
    data: { email: `a-${Math.random()}@x.test`, passwordHash: "x", role: "ADMIN" },
  });
  const project = await db.project.create({
    data: { name: "docs", generationMode: "IMPORTED", evaluationMode: "IMPLICIT", createdById: admin.id },
  });
  const endpoint = (name: string, modelId: string) =>
    db.modelEndpoint.create({
      data: {
        name: `${name}-${project.id}`,
        provider: "OPENAI_COMPATIBLE",
        baseUrl: server.baseUrl,
        modelId,
        concurrencyLimit: opts.concurrency ?? 4,
        maxTokens: 2048,
        inputPricePerMTok: 1,
        outputPricePerMTok: 2,
      },
    });
  const generator = await endpoint("generator", "test-strong");
  const weak = await endpoint("weak", "test-weak");
  for (let d = 0; d < opts.documents; d++) {
    // The same text in every test project: the loopback server's bad items, drawn from the chunk's
    // text, then fall the same way on every run.
    const text = prose(`document-${d}`, opts.sentences ?? 40);
    await db.document.create({
      data: {
        projectId: project.id,
        title: `Document ${d + 1}`,
        format: "TEXT",
        rawText: text,
        cleanText: text,
        checksum: createHash("sha256").update(text).digest("hex"),
        byteSize: Buffer.byteLength(text),
        createdById: admin.id,
      },
    });
  }
  return { project, admin, generator, weak };
}
