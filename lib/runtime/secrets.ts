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

/**
 * Secrets that must survive restarts but that nobody configured: generated once into the data
 * folder (mode 0600) so sessions stay valid and encrypted columns stay readable.
 */
export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, FILE);
  const current: Partial<LocalSecrets> = readSecrets(dataDir) ?? {};
  const next: LocalSecrets = {
    authSecret: current.authSecret ?? randomBytes(32).toString("base64url"),
    appSecret: current.appSecret ?? randomBytes(32).toString("base64url"),
    dbPassword: current.dbPassword ?? randomBytes(18).toString("base64url"),
  };
  if (JSON.stringify(current) !== JSON.stringify(next)) {
    // mkdir would only say EEXIST, which does not tell what to change.
    if (existsSync(dataDir) && !statSync(dataDir).isDirectory())
      throw new Error(
        `PAIRWISE_DATA_DIR (${dataDir}) is a file, not a folder; point it at a folder (it is created when missing).`,
      );
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  }
  return next;
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
