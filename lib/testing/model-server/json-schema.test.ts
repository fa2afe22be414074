import { describe, expect, it } from "vitest";
import { z } from "zod";
import { instanceFromSchema, type JsonSchema } from "./json-schema";

const SEEDS = [0, 1, 2, 3, 42, 1234567];

const review = z.object({
  title: z.string().min(20).max(60),
  verdict: z.enum(["chosen", "rejected", "tie"]),
  score: z.number().min(-1).max(1),
  rank: z.number().int().min(1).max(3),
  count: z.number().int(),
  positive: z.number().positive(),
  flagged: z.boolean(),
  reviewer: z.object({ email: z.email(), id: z.uuid(), at: z.iso.datetime() }),
  criteria: z
    .array(z.object({ name: z.string(), weight: z.number().gt(0).lt(1), tags: z.array(z.string()).min(3).max(3) }))
    .min(2),
  note: z.string().nullable(),
  kind: z.union([z.literal("pairwise"), z.literal("single")]),
  pair: z.tuple([z.string(), z.number()]),
  optional: z.string().optional(),
});

describe("instanceFromSchema", () => {
  it.each(["draft-7", "draft-2020-12"] as const)("produces valid instances of a nested zod schema (%s)", (target) => {
    const schema = z.toJSONSchema(review, { target, io: "input" }) as JsonSchema;
    for (const seed of SEEDS) {
      const instance = instanceFromSchema(schema, seed);
      const parsed = review.safeParse(instance);
      expect(parsed.error).toBeUndefined();
      expect(instance).toEqual(instanceFromSchema(schema, seed));
    }
    expect(instanceFromSchema(schema, 1)).not.toEqual(instanceFromSchema(schema, 2));
  });

  it("follows $ref into definitions, including recursive ones", () => {
    type Node = { label: string; children: Node[] };
    const node: z.ZodType<Node> = z.lazy(() => z.object({ label: z.string(), children: z.array(node) }));
    const tree = z.object({ root: node, copy: node });
    const schema = z.toJSONSchema(tree, { target: "draft-7", reused: "ref" }) as JsonSchema;
    expect(JSON.stringify(schema)).toContain("$ref");
    for (const seed of SEEDS) expect(tree.safeParse(instanceFromSchema(schema, seed)).error).toBeUndefined();
  });

  it("ends nullable recursion with null and refuses impossible recursion", () => {
    type Chain = { value: number; next: Chain | null };
    const chain: z.ZodType<Chain> = z.lazy(() => z.object({ value: z.number(), next: chain.nullable() }));
    const schema = z.toJSONSchema(chain, { target: "draft-7", reused: "ref" }) as JsonSchema;
    expect(chain.safeParse(instanceFromSchema(schema, 5)).error).toBeUndefined();

    const endless: JsonSchema = { type: "object", properties: { next: { $ref: "#" } }, required: ["next"] };
    expect(() => instanceFromSchema(endless)).toThrow(/too deeply/);
  });

  it("handles hand-written schemas: nullable type arrays, anyOf, minLength, minItems, bounds", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: {
        maybe: { type: ["null", "integer"], minimum: 10, maximum: 12 },
        choice: { oneOf: [{ type: "string", enum: ["left"] }, { type: "number" }] },
        long: { type: "string", minLength: 200 },
        list: { type: "array", items: { type: "boolean" }, minItems: 5 },
        nothing: { type: "null" },
        fixed: { const: "same" },
        even: { type: "integer", minimum: 1, maximum: 9, multipleOf: 2 },
      },
      required: ["maybe", "choice", "long", "list", "nothing", "fixed", "even", "extra"],
    };
    const instance = instanceFromSchema(schema, 7) as Record<string, unknown>;
    expect(instance.maybe).toBeGreaterThanOrEqual(10);
    expect(instance.maybe).toBeLessThanOrEqual(12);
    expect(Number.isInteger(instance.maybe)).toBe(true);
    expect(instance.choice).toBe("left");
    expect((instance.long as string).length).toBeGreaterThanOrEqual(200);
    expect(instance.list).toHaveLength(5);
    expect((instance.list as unknown[]).every((v) => typeof v === "boolean")).toBe(true);
    expect(instance.nothing).toBeNull();
    expect(instance.fixed).toBe("same");
    expect([2, 4, 6, 8]).toContain(instance.even);
    expect(instance.extra).toBeTypeOf("string");
  });
});
