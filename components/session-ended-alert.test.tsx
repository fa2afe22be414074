// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { markSessionEnded } from "@/lib/api/session-ended";
import { SessionEndedAlert } from "./session-ended-alert";

vi.mock("next/navigation", () => ({ usePathname: () => "/projects/p1/annotate" }));

afterEach(cleanup);

describe("SessionEndedAlert", () => {
  // The reason lasts as long as the page (the module): an ended session first, then a deactivation.
  it("offers to sign in again when the session ended, and not once the account is known to be deactivated", () => {
    act(() => markSessionEnded());
    render(<SessionEndedAlert>Your session has ended.</SessionEndedAlert>);
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Your session has ended.");
    expect(screen.getByRole("link", { name: "Sign in again" }).getAttribute("href")).toBe(
      "/login?callbackUrl=%2Fprojects%2Fp1%2Fannotate",
    );

    act(() => markSessionEnded("deactivated"));
    expect(screen.getByRole("alert").textContent).toBe(
      "This account has been deactivated, so nothing more can be saved from this page. Ask an admin to reactivate it.",
    );
    expect(screen.queryByRole("link", { name: "Sign in again" })).toBeNull();

    // A later plain 401 (another call of the page) does not bring the sign-in link back.
    act(() => markSessionEnded());
    expect(screen.queryByRole("link", { name: "Sign in again" })).toBeNull();
  });
});
