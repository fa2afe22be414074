// How the Pairs list names where a pair's two answers came from: the endpoint that generated
// one, else its source. An answer with no endpoint is not necessarily imported: members write
// answers (Write tab) and document runs copy extracts from the author's text.

const SOURCE_TEXT: Record<string, string> = {
  GENERATED: "generated",
  IMPORTED: "imported",
  HUMAN: "written by a member",
  DOCUMENT: "document extract",
};

const sideText = (endpoint: string | null, source: string) => endpoint ?? SOURCE_TEXT[source] ?? source.toLowerCase();

/** "Strong vs document extract"; one word when both answers came the same way without an endpoint. */
export function answersOrigin(endpoints: readonly [string | null, string | null], sources: readonly [string, string]) {
  const [a, b] = [sideText(endpoints[0], sources[0]), sideText(endpoints[1], sources[1])];
  return !endpoints[0] && !endpoints[1] && a === b ? a : `${a} vs ${b}`;
}
