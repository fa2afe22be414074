import type {
  CandidateSource,
  EndpointRole,
  EvaluationMode,
  GenerationMode,
  HumanPairing,
} from "@/lib/generated/prisma/enums";
import { humansDecide, judgeDecides, preferenceMethod } from "@/lib/projects/modes";
import { panelRule } from "@/lib/judging/panel";
import {
  EXCLUSION_LABELS,
  EXCLUSION_REASONS,
  isSftFormat,
  type ExportCounts,
  type ExportFormat,
  type ExportOptions,
} from "./options";
import { columnMeaning } from "./card-columns";
import { carriesSystem, SYSTEM_FORMATS } from "./formats";
import { trustRuleText, type TrustRule } from "@/lib/trust/rule";

// The dataset card (README.md) written with every export, in the form the Hugging Face Hub reads:
// YAML front matter (license, task, tags, size, data files per split), then prose. Pure: the
// facts are gathered in card-facts.ts, so this renders the same text for the same input.

export interface CardEndpoint {
  role: EndpointRole;
  /** The endpoint's name in Pairwise (names a panel's judges). */
  name: string;
  modelId: string;
  provider: string;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  seed: number | null;
}

/** An sft export of an instruction run's items (the `run` option): where the rows came from. */
export interface CardDocumentRun {
  runId: string;
  /** The run's status when the export was made (an unfinished run exports the items kept so far). */
  status: string;
  startedAt: Date;
  documents: number;
  chunks: number;
  itemsPerChunk: number;
  mode: "INSTRUCTIONS" | "PREFERENCES";
  /** The endpoint that wrote the items; null when it has since been deleted. */
  generator: Omit<CardEndpoint, "role"> | null;
  /** Preference runs: the endpoint that wrote the rejected answers; null when deleted (or an instruction run). */
  rejected: Omit<CardEndpoint, "role"> | null;
  /**
   * The chunk settings the run read its chunks under, as stored with it (in characters; overlap in
   * sentences); null for a run started before they were stored.
   */
  chunking: {
    minChars: number;
    maxChars: number;
    overlapSentences: number;
    shortDocuments: "KEEP" | "DROP";
  } | null;
  /** The run's funnel, step by step, from the items generated to those kept. */
  funnel: { label: string; count: number }[];
  filters: string[];
  /** Instruction runs: kept items whose instruction or answer a reviewer edited. */
  edited: number;
}

/** Where a pair export's pairs came from: the project's pairs when the export was made. */
export interface CardPairOrigins {
  /** The answers in the pairs (both sides), by source. */
  answerSources: Partial<Record<CandidateSource, number>>;
  pairs: number;
  /** Pairs whose chosen answer is an extract of a document (a preference document run's triples). */
  fromDocuments: number;
  /** Human votes on the project's pairs. */
  votes: number;
  /** The document runs the pairs came from (the first few), as for an sft export of one. */
  documentRuns: CardDocumentRun[];
}

export interface CardInput {
  project: {
    name: string;
    description: string;
    generationMode: GenerationMode;
    evaluationMode: EvaluationMode;
    overlap: number;
    samplesPerPrompt: number;
    maxPairsPerPrompt: number;
    uncertainToHumans: boolean;
    confidenceThreshold: number;
    auditShare: number;
    /** The project's rule on annotators' gold accuracy (lib/trust). */
    trust: TrustRule;
    /** The rubric the judge used (the project's own or the default). */
    rubric: string;
    hasSystemPrompt: boolean;
    /** Written answers (the Write tab): 0 when the project takes none. */
    writersPerPrompt: number;
    humanPairing: HumanPairing;
  };
  endpoints: CardEndpoint[];
  /** The project's pairs by the judge's verdict over both orders, when the export was made. */
  judge: {
    judged: number;
    /** Pairs the current panel has not judged yet (both orders by every judge): no judge verdict. */
    waiting: number;
    uncertain: number;
    failed: number;
    /** Pairs the judge decided that went to annotators (low confidence, audit) and have no human label yet. */
    decidedAwaitingHumans: number;
  };
  options: ExportOptions;
  counts: ExportCounts;
  columns: string[];
  /** The file name each split gets when exported with these settings. */
  dataFiles: { split: string; path: string }[];
  agreement: { figures: { name: string; value: string }[]; note?: string };
  /** Pair exports: where the pairs came from (absent: the settings alone describe them). */
  origins?: CardPairOrigins;
  /** Set when the rows are an instruction run's items rather than the project's pairs. */
  documents?: CardDocumentRun;
  snapshot: {
    id: string;
    createdAt: Date;
    createdBy: string;
    checksum: string | null;
    byteSize: number;
    rowCount: number;
  };
}

/** A YAML double-quoted scalar: JSON's escapes are valid YAML, plus the line breaks YAML 1.1 knows. */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(
    /[\u0085\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** The Hub's size buckets. */
export function sizeCategory(n: number): string {
  const bounds: [number, string][] = [
    [1_000, "n<1K"],
    [10_000, "1K<n<10K"],
    [100_000, "10K<n<100K"],
    [1_000_000, "100K<n<1M"],
    [10_000_000, "1M<n<10M"],
    [100_000_000, "10M<n<100M"],
  ];
  return bounds.find(([max]) => n < max)?.[1] ?? "100M<n<1B";
}

function frontMatter(input: CardInput): string {
  const { options, counts } = input;
  const total = counts.splits.train + counts.splits.test;
  const tags = isSftFormat(options.format) ? ["sft", "instruction-tuning"] : ["dpo", "preference", "pairwise"];
  if (input.documents) tags.push("backtranslation", "synthetic");
  else {
    if (humansDecide(input.project.evaluationMode)) tags.push("human-feedback");
    if (judgeDecides(input.project.evaluationMode)) tags.push("llm-as-a-judge");
  }
  const lines = [
    "---",
    `pretty_name: ${yamlString(input.project.name)}`,
    `license: ${yamlString(options.license)}`,
    "task_categories:",
    "- text-generation",
    "tags:",
    ...tags.map((t) => `- ${t}`),
    "size_categories:",
    `- ${yamlString(sizeCategory(total))}`,
    "configs:",
    "- config_name: default",
    "  data_files:",
    ...input.dataFiles.flatMap((f) => [`  - split: ${f.split}`, `    path: ${yamlString(f.path)}`]),
    "---",
  ];
  return lines.join("\n");
}

/**
 * The card with one data file under another name: the card names each split's file as the server
 * names it, and `npm run export` writes the file where --out says. Only the front matter's
 * `path:` naming `from` changes; a card without one comes back unchanged.
 */
export function renameDataFile(card: string, from: string, to: string): string {
  const end = card.indexOf("\n---", 3);
  const line = `\n    path: ${yamlString(from)}\n`;
  const at = card.indexOf(line);
  if (!card.startsWith("---\n") || at < 0 || at >= end) return card;
  return `${card.slice(0, at)}\n    path: ${yamlString(to)}\n${card.slice(at + line.length)}`;
}

/** "1 vote", "2 votes": a count with its noun in the singular or the plural. */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** "a and b", "a, b and c". */
const list = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? "");

/**
 * Where the system prompt the model answers were generated with is in this format's rows, if
 * anywhere; if not, the formats of the same kind (preference or SFT) whose rows do carry it.
 */
function systemPromptText(format: ExportFormat): string {
  if (carriesSystem(format))
    return "Model answers were generated with a system prompt, which the rows give as the prompt's system message.";
  const alike = SYSTEM_FORMATS.filter((f) => isSftFormat(f) === isSftFormat(format));
  return `Model answers were generated with a system prompt, which this format's rows (${format}) do not carry; the ${list(alike)} format${alike.length > 1 ? "s do" : " does"}.`;
}

const humanPairingWords: Record<HumanPairing, string> = {
  STRONG: "the strong model's answer",
  WEAK: "the weak model's answer",
  HUMAN: "the other people's answers",
  SAMPLES: "every model answer to the prompt",
};

const generationText: Record<GenerationMode, string> = {
  STRONG_WEAK: "For each prompt, one answer came from a strong model and one from a weaker model.",
  MULTI_SAMPLE: "Several answers were sampled for each prompt, and pairs were formed from them.",
  IMPORTED: "The candidate answers (or whole pairs) were imported from files.",
};

const evaluationText = (p: CardInput["project"]): string =>
  ({
    HUMAN: `Human annotators chose the better answer in the browser; each pair asked for ${count(p.overlap, "vote")}. Disagreements could be adjudicated by an admin.`,
    LLM_JUDGE: `An LLM judge chose the better answer. ${p.uncertainToHumans ? "Pairs it could not decide (its two orders disagreed, or it gave no usable verdict) went to human annotators." : "Pairs it could not decide (its two orders disagreed, or it gave no usable verdict) were left out."}`,
    HYBRID: `An LLM judge decided first; pairs whose score margin was below ${p.confidenceThreshold} points (of 10), pairs it could not decide (its two orders disagreed, or it gave no usable verdict), and an audit sample of ${Math.round(p.auditShare * 100)}% went to human annotators (${count(p.overlap, "vote")} each).`,
    IMPLICIT:
      "There was no evaluation step: the strong model's answer is chosen over the weak one's, or the imported file's label is kept.",
  })[p.evaluationMode];

/**
 * How many pairs the judge could not decide, by cause, and where they went: to annotators (hybrid,
 * or LLM judge sending them on) or out of the data; those left out of this file are the export's
 * own counts, so the card and the file agree.
 */
function undecidedText(input: CardInput): string {
  const { project, judge, counts } = input;
  if (judge.judged === 0)
    // After the panel changed, every pair may wait for a judge that joined it.
    return judge.waiting
      ? `No pair has a verdict of the current panel yet.${waitingText(judge.waiting)}`
      : "The judge has not judged any pair yet.";
  const undecided = judge.uncertain + judge.failed;
  if (undecided === 0)
    return (
      (judge.judged === 1
        ? "The judge decided the one pair it judged in both orders."
        : `The judge decided all ${judge.judged} pairs it judged in both orders.`) +
      awaitingText(judge.decidedAwaitingHumans, input.options) +
      waitingText(judge.waiting)
    );
  const causes =
    `The judge could not decide ${undecided} of the ${count(judge.judged, "pair")} it judged in both orders: ` +
    `${judge.uncertain} uncertain (its two orders disagreed) and ${judge.failed} judge failed (no usable verdict in at least one order).`;
  const left = `${counts.excluded.uncertain ?? 0} uncertain and ${counts.excluded.judge_failed ?? 0} judge failed`;
  const toHumans = project.evaluationMode === "HYBRID" || project.uncertainToHumans;
  return (
    (toHumans
      ? `${causes} They went to human annotators; those still without a human label when this export was made were left out of it (${left}).`
      : `${causes} They were not sent to annotators and are left out of the data unless an admin labelled them (${left} left out of this export).`) +
    awaitingText(judge.decidedAwaitingHumans, input.options) +
    waitingText(judge.waiting)
  );
}

/** Pairs the current panel has not judged in both orders by every judge carry no judge label. */
function waitingText(n: number): string {
  if (n === 0) return "";
  return ` ${n === 1 ? "One pair was" : `${n} pairs were`} still waiting for the judge (not yet judged in both orders by every judge of the current panel) and ${n === 1 ? "carries" : "carry"} no judge label.`;
}

/**
 * Decided pairs sent to annotators all the same carry the judge's label until a human decides.
 * The count is the project's; an export whose `sources` leave judge labels out has none of them.
 */
function awaitingText(n: number, options: ExportOptions): string {
  if (n === 0) return "";
  const pairs = `${n === 1 ? "One pair the judge decided was" : `${n} pairs the judge decided were`} sent to annotators as well (low confidence or audit) and had no human label yet when this export was made`;
  return options.sources && !options.sources.includes("judge")
    ? ` ${pairs}: ${n === 1 ? "it is" : "they are"} left out of this export, which takes no judge labels.`
    : ` ${pairs}: ${n === 1 ? "its row carries" : "their rows carry"} the judge's label (label_source judge) until a human decides.`;
}

const blockquote = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join("\n");

const param = (name: string, v: number | null) => (v === null ? null : `${name} ${v}`);

function endpointLine(e: Omit<CardEndpoint, "role"> & { role: string }): string {
  const params = [
    param("temperature", e.temperature),
    param("top_p", e.topP),
    param("max_tokens", e.maxTokens),
    param("seed", e.seed),
  ].filter(Boolean);
  return `- ${e.role.toLowerCase()}: \`${e.modelId.replace(/`/g, "'")}\` (${e.provider.toLowerCase()})${params.length ? `, ${params.join(", ")}` : ""}`;
}

function settingsLines(o: ExportOptions): string[] {
  const lines = [
    `- format: ${o.format}, file type: ${o.type}, split: ${o.split}`,
    `- split seed: \`${o.seed.replace(/`/g, "'")}\``,
  ];
  if (o.run !== undefined) {
    lines.push(`- rows: the kept items of instruction run \`${o.run.replace(/`/g, "'")}\`, split by instruction`);
    lines.push(
      `- ${o.dedupe ? "one item per instruction" : "every kept item"}; metadata columns ${o.metadata ? "included" : "not included"}`,
    );
    return lines;
  }
  if (o.testFraction !== undefined) lines.push(`- test fraction: ${o.testFraction}`);
  if (o.testCount !== undefined) lines.push(`- test prompts: ${o.testCount}`);
  if (o.minVotes !== undefined) lines.push(`- at least ${count(o.minVotes, "human vote")}`);
  if (o.minAgreement !== undefined)
    lines.push(
      `- agreement (share of human votes for the chosen answer) at least ${o.minAgreement}, for labels decided by votes`,
    );
  if (o.sources) lines.push(`- label sources: ${o.sources.join(", ")}`);
  if (o.from) lines.push(`- pairs created from ${o.from.toISOString()}`);
  if (o.to) lines.push(`- pairs created until ${o.to.toISOString()}`);
  lines.push(
    `- flagged pairs ${o.includeFlagged ? "included" : "left out"}; ${o.dedupe ? "one pair per prompt" : "every pair of a prompt kept"}; metadata columns ${o.metadata ? "included" : "not included"}${o.humanOnly ? "; only rows whose chosen answer a person wrote" : ""}`,
  );
  return lines;
}

/** Names a panel of judges and its majority rule. */
function panelSentence(judges: CardEndpoint[]): string {
  const names = judges.map((j) => `${j.name.replace(/[\r\n]+/g, " ")} (\`${j.modelId.replace(/`/g, "'")}\`)`);
  return `A panel of ${judges.length} judges, ${names.join(", ")}, judges the pairs; ${panelRule(judges.length)}. A pair has a verdict only once every judge of the panel has judged it in both orders; judgments of judges no longer on the panel do not count.`;
}

/** How an instruction run's rows were made: its documents, its model, its funnel. */
function documentSections(run: CardDocumentRun): string[] {
  return [
    "## Method",
    "Instruction data backtranslated from an author's own documents (LLM Engineer's Handbook, chapter 5): " +
      `the documents were cleaned and cut into passages; for each passage a model wrote ${count(run.itemsPerChunk, "instruction")} ` +
      "that a user could ask without seeing it, each answered by rephrasing the passage in the author's style. " +
      "Every item was checked on its own, and the ones that failed a check were left out with their reason.",
    `Run \`${run.runId}\` (started ${run.startedAt.toISOString()}) read ${count(run.chunks, "passage")}; its kept items come from ${count(run.documents, "document")}.` +
      (run.status === "COMPLETED"
        ? ""
        : ` The run was ${run.status.toLowerCase()} when this export was made: it holds the items kept until then.`),
    run.generator
      ? "Model:\n\n" + endpointLine({ ...run.generator, role: "generator" })
      : "The endpoint that wrote the items has since been deleted.",
    chunkingText(run),
    "## Funnel",
    ...runFunnel(run),
    run.edited
      ? `A reviewer edited ${count(run.edited, "kept item")} (the instruction, the answer or both): the rows hold the edited text.`
      : "",
  ];
}

const chunkingText = ({ chunking }: CardDocumentRun) =>
  chunking
    ? `Passages: ${chunking.minChars} to ${chunking.maxChars} characters, ${count(chunking.overlapSentences, "sentence")} repeated from the previous one; documents shorter than the minimum ${chunking.shortDocuments === "KEEP" ? "kept whole" : "left out"} (the chunk settings the run read, stored with it).`
    : "Passages: the chunk settings this run read were not recorded (it was started before runs stored them).";

const runFunnel = (run: CardDocumentRun) => [
  "| Step | Items |\n| --- | ---: |\n" + run.funnel.map((f) => `| ${f.label} | ${f.count} |`).join("\n"),
  run.filters.length ? "Checks applied:\n\n" + run.filters.map((f) => `- ${f}`).join("\n") : "",
];

/** How a preference document run made its pairs (triples): its documents, both models, its funnel. */
function documentPairSections(runs: CardDocumentRun[], origins: CardPairOrigins): string[] {
  return [
    "Preference triples made from an author's own documents (LLM Engineer's Handbook, chapter 6): the documents " +
      "were cleaned and cut into passages; for each passage a model wrote instructions, each with an extract of the passage " +
      "that answers it, copied word for word. The extract, the author's own text, is the chosen answer; the rejected answer is " +
      "what a model (often a weaker one) answered to the instruction alone, without the passage. The extract's side is chosen " +
      "without review (an implicit label).",
    origins.fromDocuments === origins.pairs
      ? `All ${count(origins.pairs, "pair")} of the project came from document runs.`
      : `${origins.fromDocuments} of the project's ${count(origins.pairs, "pair")} came from document runs.`,
    ...runs.flatMap((run) => [
      `### Document run \`${run.runId}\``,
      `Started ${run.startedAt.toISOString()}; it read ${count(run.chunks, "passage")} and its kept items come from ${count(run.documents, "document")}, ${count(run.itemsPerChunk, "instruction")} asked per passage.` +
        (run.status === "COMPLETED" ? "" : ` The run was ${run.status.toLowerCase()} when this export was made.`),
      [
        run.generator
          ? endpointLine({ ...run.generator, role: "generator" })
          : "- generator: an endpoint since deleted",
        run.rejected ? endpointLine({ ...run.rejected, role: "rejected" }) : "- rejected: an endpoint since deleted",
      ].join("\n"),
      chunkingText(run),
      ...runFunnel(run),
    ]),
  ];
}

/** The README.md for an export. */
export function renderCard(input: CardInput): string {
  const { project, counts, snapshot } = input;
  const fromDocuments = input.documents !== undefined;
  const excluded = EXCLUSION_REASONS.filter((r) => (counts.excluded[r] ?? 0) > 0);
  const sections = [
    frontMatter(input),
    `# ${project.name.replace(/[\r\n]+/g, " ")}`,
    project.description.trim() ||
      (fromDocuments
        ? "An instruction dataset built with Pairwise from an author's documents."
        : "A preference dataset built with Pairwise."),
    "## Counts and splits",
    "| Split | Rows |\n| --- | ---: |\n" + `| train | ${counts.splits.train} |\n| test | ${counts.splits.test} |`,
    excluded.length
      ? "Rows left out, by reason:\n\n" +
        excluded.map((r) => `- ${EXCLUSION_LABELS[r]}: ${counts.excluded[r]}`).join("\n")
      : "No rows were left out.",
    "## Columns",
    input.columns
      .map((c) => {
        const { format, type } = input.options;
        return `- \`${c}\`: ${columnMeaning(c, { format, type, items: fromDocuments, documentPairs: documentPairs(input) })}`;
      })
      .join("\n"),
    ...(input.documents ? documentSections(input.documents) : pairSections(input)),
    "## License",
    `\`${input.options.license}\` (as chosen at export; the answers may also be subject to the terms of the models that wrote them).`,
    "## Export",
    [
      ...settingsLines(input.options),
      `- snapshot \`${snapshot.id}\`, made ${snapshot.createdAt.toISOString()} by ${snapshot.createdBy.replace(/[\r\n]+/g, " ")}`,
      `- ${count(snapshot.rowCount, "row")}, ${count(snapshot.byteSize, "byte")}` +
        (snapshot.checksum ? `, sha256 \`${snapshot.checksum}\`` : ""),
    ].join("\n"),
  ];
  return sections.filter((s) => s !== "").join("\n\n") + "\n";
}

/** Whether the pairs come from document runs: all of them, some, or none. */
function documentPairs(input: CardInput): "all" | "some" | "none" {
  const o = input.origins;
  if (!o || o.fromDocuments === 0) return "none";
  return o.fromDocuments === o.pairs ? "all" : "some";
}

/** How a pair export's pairs were made and decided, and how far their labellers agreed. */
function pairSections(input: CardInput): string[] {
  const { project, origins } = input;
  const byRole = (roles: EndpointRole[]) => input.endpoints.filter((e) => roles.includes(e.role));
  const generators = byRole(["STRONG", "WEAK", "SAMPLER"]);
  const judges = byRole(["JUDGE"]);
  const judged = judgeDecides(project.evaluationMode);
  const fromDocuments = documentPairs(input);
  const voted = origins === undefined || origins.votes > 0;
  const positionBias = [
    voted ? "Position bias: annotators saw the two answers in a random left/right order, drawn per assignment." : "",
    judged
      ? "The judge saw every pair twice, the second time with the answers swapped; a verdict counts only when both orders agree."
      : "",
  ]
    .filter(Boolean)
    .join(" ");
  return [
    "## Method",
    preferenceMethod({ ...project, answerSources: origins?.answerSources }).sentence,
    "## How the candidates were generated",
    ...(fromDocuments === "none" ? [] : documentPairSections(origins!.documentRuns, origins!)),
    fromDocuments === "all"
      ? ""
      : [
          generationText[project.generationMode],
          project.generationMode === "MULTI_SAMPLE"
            ? `${count(project.samplesPerPrompt, "sample")} per endpoint and prompt, at most ${count(project.maxPairsPerPrompt, "pair")} per prompt.`
            : "",
          project.hasSystemPrompt ? systemPromptText(input.options.format) : "",
          project.writersPerPrompt > 0
            ? `People also wrote answers (${project.writersPerPrompt} per prompt), each compared with ${humanPairingWords[project.humanPairing]}; reviewers were never told which answers were human and never reviewed their own.`
            : "",
        ]
          .filter(Boolean)
          .join(" "),
    generators.length && fromDocuments !== "all"
      ? "Models:\n\n" + generators.map((e) => endpointLine(e)).join("\n")
      : "",
    "## How the pairs were evaluated",
    fromDocuments === "all"
      ? "There was no evaluation step: each pair's extract of the author's text is chosen over the model's answer."
      : evaluationText(project),
    judged ? undecidedText(input) : "",
    project.evaluationMode === "IMPLICIT"
      ? ""
      : `Gold pairs (a known answer, served to annotators among the others to check them) are never part of the data. ${trustRuleText(project.trust)}`,
    positionBias,
    judged && judges.length > 1 ? panelSentence(judges) : "",
    judged && judges.length
      ? "Judge:\n\n" + judges.map((e) => endpointLine(e)).join("\n") + "\n\nRubric:\n\n" + blockquote(project.rubric)
      : "",
    "## Agreement",
    input.agreement.figures.length
      ? input.agreement.figures.map((f) => `- ${f.name}: ${f.value}`).join("\n")
      : "No agreement figures: too few pairs have more than one label.",
    input.agreement.note ?? "",
  ];
}
