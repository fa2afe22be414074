import {
  JUDGE_FILTERS,
  OUTCOME_FILTERS,
  REVIEW_FILTERS,
  SOURCE_FILTERS,
  type PairFilters,
} from "@/lib/pairs/list-schemas";

export interface PairFiltersFormProps {
  action: string;
  filters: PairFilters;
  /** The Disagreements list has the disagreement filter always on. */
  disagreementFixed?: boolean;
  /** The project's mode puts the LLM judge to work: its verdict and routing can be filtered on. */
  judged?: boolean;
}

const outcomeText: Record<(typeof OUTCOME_FILTERS)[number], string> = {
  A: "A better",
  B: "B better",
  TIE: "Tie",
  BOTH_BAD: "Both bad",
  split: "Split (no majority)",
  none: "No label yet",
};
const judgeText: Record<(typeof JUDGE_FILTERS)[number], string> = {
  agreed: "Gave a verdict",
  uncertain: "Uncertain (its two orders differ)",
  failed: "Failed",
  none: "No verdict yet",
  disagrees: "Verdict differs from the people's",
};
const reviewText: Record<(typeof REVIEW_FILTERS)[number], string> = {
  uncertain: "Judge uncertain",
  low_confidence: "Low confidence",
  audit: "Audit sample",
  judge_failed: "Judge failed",
};
const sourceText = Object.fromEntries(SOURCE_FILTERS.map((s) => [s, s.toLowerCase()])) as Record<
  (typeof SOURCE_FILTERS)[number],
  string
>;
const control =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200";

/** One of the list's choices, "Any" first (no filter). */
function FilterSelect<T extends string>(props: {
  label: string;
  name: string;
  value: T | undefined;
  values: readonly T[];
  text: Record<T, string>;
}) {
  return (
    <label className="flex flex-col gap-1">
      <span className="font-medium text-slate-700">{props.label}</span>
      <select name={props.name} defaultValue={props.value ?? ""} className={control}>
        <option value="">Any</option>
        {props.values.map((v) => (
          <option key={v} value={v}>
            {props.text[v]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Search and filters as a plain GET form: the list's URL holds them, so a filtered list can be shared. */
export function PairFiltersForm({ action, filters: f, disagreementFixed, judged }: PairFiltersFormProps) {
  const checks = [
    ...(disagreementFixed ? [] : [["disagreement", "Annotators disagree"] as const]),
    ["unresolved", "Not adjudicated"] as const,
    ["flagged", "Flagged"] as const,
    ["edited", "Edited"] as const,
    ["gold", "Gold"] as const,
  ];
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label="Search and filter pairs"
      className="mb-4 space-y-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <div className="flex gap-2">
        <label htmlFor="pair-search" className="sr-only">
          Search prompts and answers
        </label>
        <input
          id="pair-search"
          name="q"
          type="search"
          defaultValue={f.q}
          placeholder='Search prompts and answers: words, "a phrase", -without'
          className={control}
        />
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          Search
        </button>
      </div>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <FilterSelect label="Outcome" name="outcome" value={f.outcome} values={OUTCOME_FILTERS} text={outcomeText} />
        <FilterSelect label="Source" name="source" value={f.source} values={SOURCE_FILTERS} text={sourceText} />
        {(judged || f.judge || f.review) && (
          <>
            <FilterSelect label="Judge" name="judge" value={f.judge} values={JUDGE_FILTERS} text={judgeText} />
            <FilterSelect
              label="Sent to annotators"
              name="review"
              value={f.review}
              values={REVIEW_FILTERS}
              text={reviewText}
            />
          </>
        )}
        <label className="flex flex-col gap-1">
          <span className="font-medium text-slate-700">From</span>
          <input type="date" name="from" defaultValue={f.from} className={control} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium text-slate-700">To</span>
          <input type="date" name="to" defaultValue={f.to} className={control} />
        </label>
        {checks.map(([name, text]) => (
          <label key={name} className="flex items-center gap-1.5 py-1.5">
            <input type="checkbox" name={name} value="1" defaultChecked={f[name]} />
            {text}
          </label>
        ))}
        <a href={action} className="py-1.5 text-indigo-600 underline">
          Clear
        </a>
      </div>
    </form>
  );
}
