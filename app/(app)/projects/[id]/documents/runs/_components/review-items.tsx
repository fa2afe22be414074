"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";
import { apiFetch } from "@/lib/api/client";
import type { ReviewedItem, ReviewItemInput, ReviewPage } from "@/lib/document-runs/review";
import { offersKeptItems } from "@/lib/document-runs/offers-items";
import type { RunProgress } from "@/lib/jobs/progress";

export interface ReviewItemsProps {
  projectId: string;
  run: RunProgress;
}

const reviewKey = (projectId: string, runId: string) => ["document-run-review", projectId, runId];

function Text({ text }: { text: string }) {
  return (
    <pre dir="auto" className="font-sans text-sm break-words whitespace-pre-wrap text-slate-900">
      {text}
    </pre>
  );
}

/** One kept item: its instruction and answer, edited in place, dropped or kept again. */
export function ReviewItemRow({
  item,
  onReview,
  busy,
}: {
  item: ReviewedItem;
  /** Resolves to whether the change was saved (the list says why not). */
  onReview: (input: ReviewItemInput) => Promise<boolean>;
  busy: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [instruction, setInstruction] = useState(item.instruction);
  const [answer, setAnswer] = useState(item.answer);
  const dropped = item.status === "DROPPED";
  const save = async () => {
    const saved = await onReview({
      itemId: item.id,
      action: "edit",
      ...(instruction !== item.instruction && { instruction }),
      ...(answer !== item.answer && { answer }),
    });
    if (saved) setEditing(false);
  };
  return (
    <li
      className={`space-y-2 rounded border p-3 ${dropped ? "border-slate-200 bg-slate-50 opacity-75" : "border-slate-200"}`}
    >
      <p className="text-xs text-slate-600">
        {item.documentTitle} · chunk {item.chunkIndex + 1}
        {dropped && <span className="ml-2 font-medium text-red-700">Dropped in review</span>}
        {(item.originalInstruction !== null || item.originalAnswer !== null) && (
          <span className="ml-2 font-medium text-indigo-700">Edited</span>
        )}
        {item.reviewedBy && ` · last reviewed by ${item.reviewedBy}`}
      </p>
      {editing ? (
        <>
          <TextareaField
            label="Instruction"
            value={instruction}
            rows={2}
            onChange={(e) => setInstruction(e.target.value)}
          />
          <TextareaField label="Answer" value={answer} rows={8} onChange={(e) => setAnswer(e.target.value)} />
          <div className="flex gap-2">
            <Button onClick={save} disabled={busy || (instruction === item.instruction && answer === item.answer)}>
              Save
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setInstruction(item.instruction);
                setAnswer(item.answer);
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </>
      ) : (
        <>
          <div>
            <p className="text-xs font-medium text-slate-600">Instruction</p>
            <Text text={item.instruction} />
          </div>
          <div>
            <p className="text-xs font-medium text-slate-600">Answer</p>
            <Text text={item.answer} />
          </div>
          {(item.originalInstruction !== null || item.originalAnswer !== null) && (
            <details className="text-sm">
              <summary className="cursor-pointer text-slate-600">The model&apos;s text</summary>
              {item.originalInstruction !== null && <Text text={item.originalInstruction} />}
              {item.originalAnswer !== null && <Text text={item.originalAnswer} />}
            </details>
          )}
          <div className="flex gap-2">
            {dropped ? (
              <Button
                variant="secondary"
                disabled={busy}
                onClick={() => void onReview({ itemId: item.id, action: "keep" })}
              >
                Keep again
              </Button>
            ) : (
              <>
                <Button variant="secondary" disabled={busy} onClick={() => setEditing(true)}>
                  Edit
                </Button>
                <Button
                  variant="danger"
                  disabled={busy}
                  onClick={() => void onReview({ itemId: item.id, action: "drop" })}
                >
                  Drop
                </Button>
              </>
            )}
          </div>
        </>
      )}
    </li>
  );
}

/**
 * A finished instruction run's kept items, a page at a time, to read before exporting them:
 * each can be edited (the model's text kept beside the edit), dropped, or kept again.
 */
export function ReviewItems({ projectId, run }: ReviewItemsProps) {
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState(1);
  const queryClient = useQueryClient();
  const { data, error } = useQuery({
    queryKey: [...reviewKey(projectId, run.id), page],
    queryFn: async () =>
      (await apiFetch<{ review: ReviewPage }>(`/api/projects/${projectId}/documents/runs/${run.id}/items?page=${page}`))
        .review,
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const review = useMutation({
    mutationFn: (input: ReviewItemInput) =>
      apiFetch(`/api/projects/${projectId}/documents/runs/${run.id}/items`, { method: "PATCH", json: input }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: reviewKey(projectId, run.id) });
      await queryClient.invalidateQueries({ queryKey: ["document-run-funnel", projectId, run.id] });
    },
  });
  if (run.kind !== "DOC_INSTRUCTIONS" || !offersKeptItems(run)) return null;
  return (
    <details className="rounded border border-slate-200 p-3" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sm font-medium">Review kept items</summary>
      {error && <Alert tone="error">{error.message}</Alert>}
      {review.error && <Alert tone="error">{review.error.message}</Alert>}
      {data && (
        <div className="mt-2 space-y-3">
          <p className="text-sm text-slate-600">
            {data.kept.toLocaleString("en-US")} kept
            {data.dropped > 0 && `, ${data.dropped.toLocaleString("en-US")} dropped in review`}. An edit replaces the
            text in exports and in prompts used from now on; the model&apos;s text is kept beside it.
          </p>
          <ol className="space-y-2" aria-label="Kept items">
            {data.items.map((item) => (
              <ReviewItemRow
                key={`${item.id}:${item.instruction}:${item.answer}:${item.status}`}
                item={item}
                busy={review.isPending}
                onReview={(input) =>
                  review.mutateAsync(input).then(
                    () => true,
                    () => false,
                  )
                }
              />
            ))}
          </ol>
          {data.pages > 1 && (
            <div className="flex items-center gap-2 text-sm">
              <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <span>
                Page {data.page} of {data.pages}
              </span>
              <Button variant="secondary" disabled={page >= data.pages} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </div>
          )}
        </div>
      )}
    </details>
  );
}
