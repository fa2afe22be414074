import { STATUS_CODES } from "node:http";

/**
 * A model server that answered with a redirect. fetch follows cross-origin redirects keeping
 * every header but Authorization, so Anthropic's x-api-key went to whatever server the base URL
 * redirected to; a stored key must reach only the server it was entered for.
 */
export class RedirectRefusedError extends Error {
  override readonly name = "RedirectRefusedError";
  constructor(readonly status: number) {
    super(
      `The model server answered ${status} ${STATUS_CODES[status] ?? "Redirect"}: redirects are not followed, ` +
        "so the base URL must be the final address the API answers at",
    );
  }
}

/** fetch for the AI SDK providers: a redirect becomes RedirectRefusedError, its target and body unread. */
export const noRedirectFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, { ...init, redirect: "manual" });
  if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    throw new RedirectRefusedError(response.status);
  }
  return response;
};
