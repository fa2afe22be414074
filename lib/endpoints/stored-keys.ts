import "server-only";
import { db } from "@/lib/db";
import { decryptSecret, SecretDecryptionError } from "./crypto";

/**
 * Whether this process's APP_SECRET opens the API keys stored in the database: null when it does
 * (or no key is stored), else what to tell whoever started it. A worker started with another
 * secret would fail every task of an endpoint with a key, in everyone's runs. The key most
 * recently stored decides: an older one left from before a change of secret is the admin's to
 * enter again (the endpoint's Test says so).
 */
export async function storedKeysProblem(): Promise<string | null> {
  const latest = await db.modelEndpoint.findFirst({
    where: { apiKeyCiphertext: { not: null }, archivedAt: null },
    orderBy: { updatedAt: "desc" },
    select: { name: true, apiKeyCiphertext: true },
  });
  if (!latest?.apiKeyCiphertext) return null;
  try {
    decryptSecret(latest.apiKeyCiphertext);
    return null;
  } catch (err) {
    if (!(err instanceof SecretDecryptionError)) throw err;
    return (
      `APP_SECRET is not the one the stored API keys were encrypted with (endpoint "${latest.name}"): ` +
      "every task of an endpoint with a key would fail. Give this process the same APP_SECRET as the web server."
    );
  }
}
