import { ApiClientError } from "@/lib/api/client";
import { Alert } from "./alert";
import { Button } from "./button";

/** A save refused because someone else saved these settings after the form was loaded (lib/projects/edit-conflict.ts). */
export const isEditConflict = (error: unknown) => error instanceof ApiClientError && error.code === "edit_conflict";

/**
 * Why the save was refused, and a way to load the current settings. Until the admin reloads, the
 * form keeps what they typed, so nothing is lost before they choose to.
 */
export function EditConflictAlert({ message }: { message: string }) {
  return (
    <Alert tone="error">
      <p>{message}</p>
      <p className="mt-1">What you typed stays in the form until you reload: copy anything you want to keep.</p>
      <Button type="button" variant="secondary" className="mt-2" onClick={() => window.location.reload()}>
        Reload the settings
      </Button>
    </Alert>
  );
}
