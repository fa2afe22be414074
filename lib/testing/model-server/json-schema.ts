import { intBetween, mulberry32, pick, type Rng } from "./hash";
import { WORDS } from "./text";

export type JsonSchema = boolean | { [keyword: string]: unknown };
type SchemaObject = { [keyword: string]: unknown };

// Recursive schemas ($ref to an ancestor) stop growing here: arrays go empty, optional parts vanish.
const MAX_DEPTH = 12;

/**
 * A deterministic instance of a JSON Schema, covering what structured-output schemas use in
 * practice (zod's draft-7 output included). Unsupported keywords such as `pattern` are ignored.
 */
export function instanceFromSchema(schema: JsonSchema, seed = 0): unknown {
  return generate(schema, { root: schema, rng: mulberry32(seed), depth: 0 });
}

interface Context {
  root: JsonSchema;
  rng: Rng;
  depth: number;
}

function generate(schema: JsonSchema, ctx: Context): unknown {
  if (typeof schema === "boolean") return words(ctx.rng, 2);
  if (typeof schema.$ref === "string") return generate(resolveRef(ctx.root, schema.$ref), deeper(ctx));
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pick(ctx.rng, schema.enum);
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0)
      return generate(chooseBranch(branches as JsonSchema[], ctx), ctx);
  }
  if (Array.isArray(schema.allOf)) return generate(mergeAll(schema), ctx);

  switch (typeOf(schema, ctx.depth >= MAX_DEPTH)) {
    case "null":
      return null;
    case "boolean":
      return ctx.rng() < 0.5;
    case "integer":
      return numberFor(schema, ctx.rng, true);
    case "number":
      return numberFor(schema, ctx.rng, false);
    case "array":
      return arrayFor(schema, ctx);
    case "object":
      return objectFor(schema, ctx);
    default:
      return stringFor(schema, ctx.rng);
  }
}

function deeper(ctx: Context): Context {
  if (ctx.depth > MAX_DEPTH * 4) throw new Error("JSON schema nests too deeply (a required recursive field?)");
  return { ...ctx, depth: ctx.depth + 1 };
}

/** The first branch, except that deep down a null branch ends a recursive (nullable) chain. */
function chooseBranch(branches: JsonSchema[], ctx: Context): JsonSchema {
  const nullBranch = branches.find((b) => typeof b === "object" && b.type === "null");
  return ctx.depth >= MAX_DEPTH && nullBranch !== undefined ? nullBranch : (branches[0] as JsonSchema);
}

function typeOf(schema: SchemaObject, preferNull: boolean): string {
  const { type } = schema;
  // Nullable fields come as ["string", "null"]: the non-null member is the more useful answer,
  // until recursion has to stop.
  if (Array.isArray(type)) {
    if (preferNull && type.includes("null")) return "null";
    return (type.find((t) => t !== "null") ?? "null") as string;
  }
  if (typeof type === "string") return type;
  if (schema.properties) return "object";
  if (schema.items || schema.prefixItems) return "array";
  return "string";
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  if (!ref.startsWith("#")) throw new Error(`only local $ref is supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = (node as SchemaObject | undefined)?.[key];
  }
  if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return node as JsonSchema;
}

function mergeAll(schema: SchemaObject): SchemaObject {
  const { allOf, ...rest } = schema;
  const parts = [rest, ...(allOf as SchemaObject[])];
  return parts.reduce<SchemaObject>(
    (merged, part) => ({
      ...merged,
      ...part,
      properties: { ...(merged.properties as object), ...(part.properties as object) },
      required: [...((merged.required as string[]) ?? []), ...((part.required as string[]) ?? [])],
    }),
    {},
  );
}

function objectFor(schema: SchemaObject, ctx: Context): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const result: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(properties)) {
    if (ctx.depth >= MAX_DEPTH && !required.has(name)) continue;
    result[name] = generate(child, deeper(ctx));
  }
  for (const name of required) if (!(name in result)) result[name] = words(ctx.rng, 1);
  return result;
}

function arrayFor(schema: SchemaObject, ctx: Context): unknown[] {
  // Tuples: `prefixItems` (2020-12) or an array-valued `items` (draft-7, rest in `additionalItems`).
  const tupleForm = Array.isArray(schema.items);
  const prefix = (
    tupleForm ? schema.items : Array.isArray(schema.prefixItems) ? schema.prefixItems : []
  ) as JsonSchema[];
  const items = ((tupleForm ? schema.additionalItems : schema.items) ?? {}) as JsonSchema;
  const min = Math.max(num(schema.minItems) ?? 0, prefix.length);
  const max = num(schema.maxItems) ?? Infinity;
  const wanted =
    ctx.depth >= MAX_DEPTH || prefix.length > 0 ? min : Math.min(Math.max(min, intBetween(ctx.rng, 1, 3)), max);
  return Array.from({ length: wanted }, (_, i) => generate(prefix[i] ?? items, deeper(ctx)));
}

function numberFor(schema: SchemaObject, rng: Rng, integer: boolean): number {
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  let lo = num(schema.minimum) ?? (exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 0.5) : undefined);
  let hi = num(schema.maximum) ?? (exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 0.5) : undefined);
  lo ??= hi !== undefined ? hi - 100 : 0;
  hi ??= lo + 100;
  // zod's .int() spans ±2^53: prefer small, readable numbers inside whatever range is allowed.
  if (hi - lo > 1000) [lo, hi] = lo <= 0 && hi >= 0 ? [0, Math.min(hi, 100)] : [lo, lo + 100];
  const multiple = num(schema.multipleOf);
  if (integer || multiple !== undefined) {
    const step = multiple ?? 1;
    const first = Math.ceil(lo / step);
    const last = Math.floor(hi / step);
    return (last >= first ? intBetween(rng, first, last) : first) * step;
  }
  return Math.round((lo + rng() * (hi - lo)) * 100) / 100;
}

function stringFor(schema: SchemaObject, rng: Rng): string {
  const n = intBetween(rng, 100, 999);
  const formatted: Record<string, string> = {
    email: `fixture${n}@example.test`,
    "date-time": "2024-01-02T03:04:05.000Z",
    date: "2024-01-02",
    time: "03:04:05",
    uri: `https://example.test/${n}`,
    url: `https://example.test/${n}`,
    uuid: `00000000-0000-4000-8000-000000000${n}`,
    ipv4: `192.0.2.${n % 255}`,
  };
  let text = formatted[schema.format as string] ?? words(rng, intBetween(rng, 2, 6));
  const minLength = num(schema.minLength) ?? 0;
  while (text.length < minLength) text += ` ${pick(rng, WORDS)}`;
  const maxLength = num(schema.maxLength);
  if (maxLength !== undefined && text.length > maxLength) text = text.slice(0, maxLength);
  return text;
}

function words(rng: Rng, count: number): string {
  return Array.from({ length: count }, () => pick(rng, WORDS)).join(" ");
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
