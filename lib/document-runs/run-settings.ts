import "server-only";
import { db } from "@/lib/db";
import { evaluationNgrams } from "./filters";
import { documentRunSettingsSchema, type DocumentRunSettings } from "./settings";

interface RunSettings {
  settings: DocumentRunSettings;
  evaluation: Set<string>;
}

// A run's settings never change once started: read (and its evaluation n-grams built) once per
// process, not once per chunk. Bounded so a long-lived worker does not keep every run it saw.
const cache = new Map<string, Promise<RunSettings>>();
const MAX_CACHED = 50;

export function runSettings(runId: string): Promise<RunSettings> {
  let hit = cache.get(runId);
  if (!hit) {
    hit = db.run.findUniqueOrThrow({ where: { id: runId }, select: { settings: true } }).then((run) => {
      const settings = documentRunSettingsSchema.parse(run.settings);
      return { settings, evaluation: evaluationNgrams(settings.evaluationPrompts) };
    });
    hit.catch(() => cache.delete(runId));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(runId, hit);
  }
  return hit;
}
