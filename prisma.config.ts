import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse } from "pg-connection-string";

// The CLI (migrate deploy/dev/reset/status) runs Prisma's Wasm schema engine through adapter-pg,
// so no native engine is ever downloaded. Two adapter-pg 6.19 bugs are worked around here
// (shared/notes/offline-stack.md), and a third that PostgreSQL 18 exposes.

// pg_catalog columns of type name, "char" and regclass cannot be deserialised by adapter-pg 6.x
// (prisma/orm#27403): report them as text.
const CATALOG_TEXT_OIDS = new Set([18, 19, 2205]);
const TEXT_OID = 25;
type Result = { fields?: { dataTypeID: number }[] } | undefined;
function catalogAsText<T extends Result>(res: T): T {
  for (const f of res?.fields ?? []) if (CATALOG_TEXT_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
  return res;
}
// PostgreSQL 18 records NOT NULL constraints in pg_constraint (contype 'n'); the 6.19 Wasm schema
// engine does not know that kind and panics ("unreachable") while introspecting any table that
// has NOT NULL columns, which breaks `migrate dev` once a migration exists. NOT NULL is still
// read from the columns, so these rows carry nothing the engine needs.
const CHECK_CONSTRAINTS = "contype NOT IN ('p', 'u', 'f')";
function withoutNotNullConstraints(arg: unknown): unknown {
  if (typeof arg === "string") return arg.replace(CHECK_CONSTRAINTS, "contype NOT IN ('p', 'u', 'f', 'n')");
  if (arg && typeof arg === "object" && typeof (arg as { text?: unknown }).text === "string") {
    const q = arg as { text: string };
    return { ...q, text: withoutNotNullConstraints(q.text) };
  }
  return arg;
}

class CatalogAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    args[0] = withoutNotNullConstraints(args[0]);
    const cb = args[args.length - 1];
    if (typeof cb === "function") args[args.length - 1] = (err: unknown, res: Result) => cb(err, catalogAsText(res));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    return out && typeof out.then === "function" ? out.then(catalogAsText) : out;
  }
}

// adapter-pg 6.x runs a migration script by splitting it at every ";", even inside a function's
// dollar-quoted body (migration pair_tally defines triggers) or a comment. Split where statements
// really end: outside comments, quoted strings and identifiers, and dollar quotes.
function sqlStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const skipTo = (end: string, from: number) => {
    const at = script.indexOf(end, from);
    return at === -1 ? script.length : at + end.length;
  };
  while (i < script.length) {
    const c = script[i]!;
    if (c === "-" && script[i + 1] === "-") i = skipTo("\n", i);
    else if (c === "/" && script[i + 1] === "*") i = skipTo("*/", i + 2);
    else if (c === "'" || c === '"')
      i = skipTo(c, i + 1); // a doubled quote reads as two strings
    else if (c === "$" && /^\$[A-Za-z_]*\$/.test(script.slice(i, i + 64))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i, i + 64))![0];
      i = skipTo(tag, i + tag.length);
    } else if (c === ";") {
      out.push(script.slice(start, i));
      i = start = i + 1;
    } else i++;
  }
  out.push(script.slice(start));
  return out.map((s) => s.trim()).filter((s) => s && !/^(--[^\n]*(\n|$)|\s)*$/.test(s));
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
function withStatementSplitting(conn: Adapter): Adapter {
  conn.executeScript = async (script: string) => {
    for (const sql of sqlStatements(script)) await conn.executeRaw({ sql, args: [], argTypes: [] });
  };
  return conn;
}

// adapter-pg 6.x builds the shadow database config by overriding `database` (ignored when a
// connectionString is given) and drops it while its own pool still holds connections.
class MigratePg extends PrismaPg {
  constructor(private readonly cfg: pg.PoolConfig) {
    super(cfg);
  }
  async connect() {
    return withStatementSplitting(await super.connect());
  }
  async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = withStatementSplitting(await new PrismaPg({ ...this.cfg, database }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (use the npm scripts, which provide it)");
    return new MigratePg({ ...(parse(url) as pg.PoolConfig), Client: CatalogAsTextClient });
  },
});
