import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * The app's links: next/link without prefetching unless a link asks for it. Every page of the
 * app is rendered per request (signed in, live data), so a prefetch is a server render for a
 * visit that may never come: the header and a project's links made a dozen of them as soon as a
 * page loaded, and on a two-core server they held up the page the person opened next (the
 * Annotate tab's first pair took 150 ms longer to arrive). A click renders the one page wanted.
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
