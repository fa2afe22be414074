import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface LocalSecrets {
  /** Signs and encrypts session tokens (NEXTAUTH_SECRET). */
  authSecret: string;
  /** Encrypts secrets at rest, such as model API keys (APP_SECRET). */
  appSecret: string;
  /** Password of the embedded PostgreSQL superuser. */
  dbPassword: string;
}

const FILE = "secrets.json";

const KEYS = ["authSecret", "appSecret", "dbPassword"] as const;
const GENERATE: Record<keyof LocalSecrets, () => string> = {
  authSecret: () => randomBytes(32).toString("base64url"),
  appSecret: () => randomBytes(32).toString("base64url"),
  dbPassword: () => randomBytes(18).toString("base64url"),
};

/**
 * Secrets that must survive restarts but that nobody configured: generated once into the data
 * folder (mode 0600) so sessions stay valid and encrypted columns stay readable. Only the `wanted`
 * ones are generated; the file is not written when the folder already holds them all.
 */
function loadOrCreateSecrets(dataDir: string, wanted: readonly (keyof LocalSecrets)[]): Partial<LocalSecrets> {
  const file = path.join(dataDir, FILE);
  const current: Partial<LocalSecrets> = readSecrets(dataDir) ?? {};
  const missing = wanted.filter((k) => !current[k]);
  if (!missing.length) return current;
  const next = { ...current };
  for (const k of missing) next[k] = GENERATE[k]();
  // mkdir would only say EEXIST, which does not tell what to change.
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory())
    throw new Error(
      `PAIRWISE_DATA_DIR (${dataDir}) is a file, not a folder; point it at a folder (it is created when missing).`,
    );
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  return next;
}

/**
 * The secrets a start (or a database command) runs with: each from the environment when given,
 * else from the data folder, generated there on first need. The embedded database's password is
 * needed only without DATABASE_URL: given all it needs, nothing is written to the folder.
 */
export function secretsFor(
  env: { NEXTAUTH_SECRET?: string; APP_SECRET?: string; DATABASE_URL?: string },
  dataDir: string,
): LocalSecrets {
  // With DATABASE_URL there is no embedded database, so no password of its own to keep.
  const given = {
    authSecret: env.NEXTAUTH_SECRET,
    appSecret: env.APP_SECRET,
    dbPassword: env.DATABASE_URL ? "" : undefined,
  };
  const stored = loadOrCreateSecrets(
    dataDir,
    KEYS.filter((k) => given[k] === undefined),
  );
  return {
    authSecret: given.authSecret ?? stored.authSecret ?? "",
    appSecret: given.appSecret ?? stored.appSecret ?? "",
    dbPassword: stored.dbPassword ?? "",
  };
}

/** The secrets `npm start` generated into the data folder, without creating any; null when there are none. */
export function readSecrets(dataDir: string): Partial<LocalSecrets> | null {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // JSON.parse quotes the text it could not read: that text is secrets.
    throw new Error(`${file} is not valid JSON; restore it from a backup (it holds the keys to your data)`);
  }
}
