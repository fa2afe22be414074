import { ApiClientError } from "@/lib/api/client";
import { Alert } from "./alert";
import { Button } from "./button";
import { EditConflictAlert, isEditConflict } from "./edit-conflict-alert";

/**
 * The end of a settings form: its submit button ("Saving…" while the request runs), "Saved"
 * once it has, and why a save failed unless the error names fields (they show their own). A save
 * refused because someone else changed the settings meanwhile offers to reload them.
 */
export function SaveRow({
  label,
  pending,
  saved,
  error,
}: {
  label: string;
  pending: boolean;
  saved: boolean;
  error: unknown;
}) {
  const message =
    error instanceof ApiClientError
      ? error.fields.length
        ? null
        : error.message
      : error
        ? "The request failed; check your connection."
        : null;
  const conflict = isEditConflict(error);
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : label}
        </Button>
        {saved && !pending && (
          <span role="status" className="text-sm text-emerald-700">
            Saved
          </span>
        )}
      </div>
      {message && (conflict ? <EditConflictAlert message={message} /> : <Alert tone="error">{message}</Alert>)}
    </>
  );
}
