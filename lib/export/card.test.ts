import { describe, expect, it } from "vitest";
import { renameDataFile, renderCard, type CardEndpoint, type CardInput } from "./card";
import { EXCLUSION_REASONS, EXPORT_FORMATS, exportOptionsSchema, type ExportOptionsInput } from "./options";

const judge = (name: string, modelId: string): CardEndpoint => ({
  role: "JUDGE",
  name,
  modelId,
  provider: "OPENAI",
  temperature: 0,
  topP: null,
  maxTokens: null,
  seed: null,
});

function card(
  judges: CardEndpoint[],
  dataFiles: CardInput["dataFiles"] = [{ split: "train", path: "panel.jsonl" }],
  change: {
    project?: Partial<CardInput["project"]>;
    options?: ExportOptionsInput;
    columns?: string[];
    judge?: Partial<CardInput["judge"]>;
  } = {},
) {
  const input: CardInput = {
    project: {
      name: "Panel",
      description: "",
      generationMode: "IMPORTED",
      evaluationMode: "LLM_JUDGE",
      overlap: 1,
      samplesPerPrompt: 2,
      maxPairsPerPrompt: 1,
      uncertainToHumans: true,
      confidenceThreshold: 2,
      auditShare: 0.1,
      trust: { minAccuracy: null, minGold: 10 },
      rubric: "Prefer correct answers.",
      hasSystemPrompt: false,
      writersPerPrompt: 0,
      humanPairing: "STRONG",
      ...change.project,
    },
    endpoints: judges,
    options: exportOptionsSchema.parse(change.options ?? {}),
    counts: {
      splits: { train: 3, test: 0 },
      excluded: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as CardInput["counts"]["excluded"],
    },
    columns: change.columns ?? ["prompt", "chosen", "rejected"],
    dataFiles,
    agreement: { figures: [] },
    judge: { judged: 0, waiting: 0, uncertain: 0, failed: 0, decidedAwaitingHumans: 0, ...change.judge },
    snapshot: { id: "s1", createdAt: new Date(0), createdBy: "Ada", checksum: null, byteSize: 10, rowCount: 3 },
  };
  return renderCard(input);
}

describe("dataset card", () => {
  it("names a panel's judges and its majority rule", () => {
    const text = card([
      judge("Small one", "qwen-7b"),
      judge("Small two", "llama-8b"),
      judge("Small\nthree", "mistral-7b"),
    ]);
    expect(text).toContain(
      "A panel of 3 judges, Small one (`qwen-7b`), Small two (`llama-8b`), Small three (`mistral-7b`), judges the pairs; " +
        "a verdict stands when at least 2 of the 3 judges agree on the same winner in both orders. " +
        "A pair has a verdict only once every judge of the panel has judged it in both orders; judgments of judges no longer on the panel do not count.",
    );
    expect(card([judge("a", "m1"), judge("b", "m2")])).toContain(
      "a verdict stands when all 2 judges agree on the same winner in both orders.",
    );
  });

  it("after the panel changed, says the pairs wait for the new panel rather than that nothing was judged", () => {
    const panel = [judge("Old", "m1"), judge("New", "m2")];
    const waiting = card(panel, undefined, { judge: { judged: 0, waiting: 25 } });
    expect(waiting).not.toContain("The judge has not judged any pair yet.");
    expect(waiting).toContain(
      "No pair has a verdict of the current panel yet. 25 pairs were still waiting for the judge (not yet judged in both orders by every judge of the current panel) and carry no judge label.",
    );
    expect(card(panel)).toContain("The judge has not judged any pair yet.");
  });

  it("says nothing of a panel for a single judge", () => {
    const text = card([judge("Only", "gpt-judge")]);
    expect(text).not.toMatch(/A panel of|majority/);
    expect(text).toContain("- judge: `gpt-judge` (openai), temperature 0");
  });
});

describe("the card's account of the system prompt and its counts", () => {
  it("says a system prompt is in the rows only for the formats whose rows carry one", () => {
    const given =
      "Model answers were generated with a system prompt, which the rows give as the prompt's system message.";
    for (const format of EXPORT_FORMATS) {
      const text = card([], undefined, { project: { hasSystemPrompt: true }, options: { format } });
      if (["trl_conversational", "orca", "sft_conversational"].includes(format)) expect(text, format).toContain(given);
      else {
        expect(text, format).not.toContain(given);
        // Names the formats of its own kind that do: preference data, or SFT data.
        expect(text, format).toContain(
          `Model answers were generated with a system prompt, which this format's rows (${format}) do not carry; ` +
            (format.startsWith("sft")
              ? "the sft_conversational format does."
              : "the trl_conversational and orca formats do."),
        );
      }
    }
    expect(card([], undefined, { options: { format: "trl" } })).not.toContain("system prompt");
  });

  it("writes one vote, sample or pair in the singular and several in the plural", () => {
    const human = (overlap: number, minVotes: number) =>
      card([], undefined, { project: { evaluationMode: "HUMAN", overlap }, options: { minVotes } });
    expect(human(1, 1)).toContain("each pair asked for 1 vote.");
    expect(human(1, 1)).toContain("- at least 1 human vote\n");
    expect(human(2, 3)).toContain("each pair asked for 2 votes.");
    expect(human(2, 3)).toContain("- at least 3 human votes\n");
    const hybrid = card([], undefined, { project: { evaluationMode: "HYBRID", overlap: 1 } });
    expect(hybrid).toContain("(1 vote each)");
    const samples = (n: number) =>
      card([], undefined, {
        project: { generationMode: "MULTI_SAMPLE", samplesPerPrompt: n, maxPairsPerPrompt: n },
      });
    expect(samples(1)).toContain("1 sample per endpoint and prompt, at most 1 pair per prompt.");
    expect(samples(3)).toContain("3 samples per endpoint and prompt, at most 3 pairs per prompt.");
    for (const text of [human(1, 1), human(2, 3), hybrid, samples(1), samples(3)]) expect(text).not.toContain("(s)");
  });
});

describe("the card of a file saved under another name", () => {
  it("names that file in data_files, and only that one", () => {
    const text = card(
      [judge("Only", "gpt-judge")],
      [
        { split: "train", path: "panel-trl-train.jsonl" },
        { split: "test", path: "panel-trl-test.jsonl" },
      ],
    );
    const renamed = renameDataFile(text, "panel-trl-train.jsonl", "data/my train.jsonl");
    expect(renamed).toContain(
      '  - split: train\n    path: "data/my train.jsonl"\n  - split: test\n    path: "panel-trl-test.jsonl"\n---',
    );
    expect(renamed.replace('"data/my train.jsonl"', '"panel-trl-train.jsonl"')).toBe(text);
    expect(renameDataFile(text, "other.jsonl", "data.jsonl")).toBe(text);
  });
});

describe("the card of an SFT file for TRL", () => {
  it("tags it as SFT data and says what each of its columns holds", () => {
    const trl = card([], undefined, { options: { format: "sft_trl" }, columns: ["prompt", "completion"] });
    expect(trl).toContain("tags:\n- sft\n- instruction-tuning\n");
    expect(trl).toContain("- `prompt`: the instruction\n- `completion`: the preferred answer, to learn from\n");
    const chat = card([], undefined, { options: { format: "sft_conversational" }, columns: ["messages"] });
    expect(chat).toContain("tags:\n- sft\n- instruction-tuning\n");
    expect(chat).toContain(
      "- `messages`: the conversation, as a list of messages ({role, content}): the system prompt (system) when there was one, " +
        "the instruction (user), then the preferred answer, to learn from (assistant)\n",
    );
    expect(card([], undefined, { options: { format: "trl" } })).toContain("tags:\n- dpo\n");
  });
});

describe("the card of a Parquet file", () => {
  it("says the judge's verdicts and the prompt's metadata are JSON text to parse, where the JSONL nests them", () => {
    const columns = ["prompt", "chosen", "rejected", "judge_verdicts", "prompt_metadata"];
    const parse = "in this Parquet file it is JSON text (a string column typed JSON): parse it with json.loads";
    const parquet = card([], undefined, { options: { type: "parquet", metadata: true }, columns });
    const jsonl = card([], undefined, { options: { type: "jsonl", metadata: true }, columns });
    for (const column of ["judge_verdicts", "prompt_metadata"]) {
      const line = (text: string) => text.split("\n").find((l) => l.startsWith(`- \`${column}\`: `))!;
      expect(line(parquet), column).toBe(`${line(jsonl)}; ${parse}`);
    }
    expect(jsonl).not.toContain("json.loads");
    // Only those: a conversational file's messages are lists of structs in Parquet too.
    expect(parquet.match(/json\.loads/g)).toHaveLength(2);
  });
});
