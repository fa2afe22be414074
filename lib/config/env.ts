import { isIP } from "node:net";
import { z } from "zod";

// The environment Pairwise reads, validated once at start-up (scripts/start.ts, and the web
// server's instrumentation hook). Shared by scripts and server code, so no "server-only" here.

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^/]+/.test(v), "expected a postgresql://user:password@host:port/database URL")
  // Prisma's schema parameter is not passed on by its pg adapter, nor read by the plain pg pools:
  // the tables would go to `public` while the URL said otherwise. Refused rather than half honoured.
  .refine((v) => !URL.canParse(v) || new URL(v).searchParams.get("schema") === null, {
    error: (issue) =>
      `its schema parameter (schema=${new URL(String(issue.input)).searchParams.get("schema")}) is not supported: ` +
      "Pairwise keeps its tables in the public schema. Remove it, and give Pairwise a database of its own instead",
  });

const port = z.coerce.number({ error: "expected a port number" }).int().min(1).max(65535);

/** A whole number within [min, max]; the message gives the range. */
const between = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int(`expected a whole number from ${min} to ${max}`)
    .min(min, `expected a whole number from ${min} to ${max}`)
    .max(max, `expected a whole number from ${min} to ${max}`);

/** "10.0.0.1" or "10.0.0.0/8" (IPv4 or IPv6): the forms TRUSTED_PROXIES takes. */
function isAddressOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split("/");
  if (extra !== undefined || !isIP(address!)) return false;
  if (bits === undefined) return true;
  const max = isIP(address!) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

const addressList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine(
    (list) => list.every(isAddressOrRange),
    "expected comma-separated IP addresses or CIDR ranges such as 10.0.0.0/8",
  );

export const envSchema = z
  .object({
    DATABASE_URL: postgresUrl.optional(),
    PORT: port.default(3000),
    PAIRWISE_HOST: z.string().min(1).optional(),
    // Sign-in links and cookies are built from it: only a web address will do.
    NEXTAUTH_URL: z
      .url({ protocol: /^https?$/, error: "expected an http:// or https:// URL such as http://localhost:3000" })
      .optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    ADMIN_EMAIL: z.email({ error: "expected an email address" }).optional(),
    ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
    PAIRWISE_DATA_DIR: z.string().min(1).default(".data"),
    // Reverse proxies whose X-Forwarded-For is believed; from anyone else it is ignored.
    TRUSTED_PROXIES: addressList.default([]),
    // Largest prompt or pair file accepted, in bytes (200 MB).
    IMPORT_MAX_BYTES: z.coerce
      .number({ error: "expected a number of bytes" })
      .int("expected a whole number of bytes")
      .positive("expected a positive number of bytes")
      .default(209_715_200),
    // Text one document upload may decode, across all its files and zip entries (100 MB).
    DOCUMENT_UPLOAD_MAX_TEXT_BYTES: between(1024 * 1024, 1024 * 1024 * 1024).default(104_857_600),
    // Generation engine tunables (lib/jobs/config.ts reads them from here).
    WORKER_CONCURRENCY: between(1, 1024).default(64),
    GENERATION_LEASE_SECONDS: between(1, 3600).default(15),
    GENERATION_HEARTBEAT_MS: between(100, 600_000).default(5000),
    // Idle workers are woken by NOTIFY; the poll is only the fallback.
    GENERATION_POLL_MS: between(10, 3_600_000).default(2000),
    GENERATION_CALL_TIMEOUT_MS: between(1000, 3_600_000).default(120_000),
    // Connections per process, for both the Prisma client and the plain pg pool (workers start with 20).
    DATABASE_POOL_MAX: between(1, 1000).default(10),
    // Bytes of stored export files this server keeps; past it, new exports are refused (20 GiB).
    EXPORT_STORAGE_MAX_BYTES: between(1024 * 1024, Number.MAX_SAFE_INTEGER).default(21_474_836_480),
    // How long an export download may wait for its client to read more before it is ended as failed.
    EXPORT_STALL_MS: between(1000, 3_600_000).default(60_000),
    // How long a pair served to an annotator stays held for them before it returns to the pool.
    ANNOTATION_LEASE_MINUTES: between(1, 1440).default(10),
    // The web server's limits on slow clients and its shutdown grace. Read in the web process by
    // lib/runtime/web-server-limits.mjs (loaded before Next.js, so outside this module); checked
    // here when the server starts. Keep the defaults in step with that file.
    PAIRWISE_HEADERS_TIMEOUT_MS: between(1000, 600_000).default(20_000),
    PAIRWISE_REQUEST_TIMEOUT_MS: between(1000, 86_400_000).default(600_000),
    PAIRWISE_SHUTDOWN_GRACE_MS: between(0, 600_000).default(10_000),
    PAIRWISE_WORKER: z
      .enum(["0", "1", "true", "false"], { error: 'expected "1" or "0"' })
      .default("1")
      .transform((v) => v === "1" || v === "true"),
  })
  .superRefine((env, ctx) => {
    // A lease that runs out between two heartbeats would hand a live worker's tasks to another.
    if (env.GENERATION_HEARTBEAT_MS >= env.GENERATION_LEASE_SECONDS * 1000)
      ctx.addIssue({
        code: "custom",
        path: ["GENERATION_HEARTBEAT_MS"],
        message: `must be shorter than GENERATION_LEASE_SECONDS (${env.GENERATION_LEASE_SECONDS} s)`,
        // The value in force, which is the default when the variable is not set.
        params: { value: env.GENERATION_HEARTBEAT_MS },
      });
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

function shown(value: unknown, inForce?: unknown): string {
  if (value === undefined) return inForce === undefined ? "missing" : `not set, so its default ${String(inForce)}`;
  const s = String(value);
  return `got "${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
}

/** Parses the environment; throws EnvError naming each bad variable (secret values are never echoed). */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const secret = /SECRET|PASSWORD|DATABASE_URL/.test(name);
    const inForce = issue.code === "custom" ? (issue.params as { value?: unknown } | undefined)?.value : undefined;
    return `${name}: ${issue.message}${secret ? "" : ` (${shown(cleaned[name], inForce)})`}`;
  });
  throw new EnvError(`Invalid environment:\n  ${lines.join("\n  ")}`);
}

export type ServerEnv = Env & { DATABASE_URL: string; NEXTAUTH_SECRET: string; APP_SECRET: string };

/** The variables the web server cannot run without; the start script always provides them. */
export function requireServerEnv(env: Env): ServerEnv {
  const missing = (["DATABASE_URL", "NEXTAUTH_SECRET", "APP_SECRET"] as const).filter((k) => !env[k]);
  if (missing.length) throw new EnvError(`Invalid environment:\n  ${missing.map((k) => `${k}: missing`).join("\n  ")}`);
  return env as ServerEnv;
}
