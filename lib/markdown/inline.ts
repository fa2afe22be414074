// Inline markdown: `code`, **strong**, *em* / _em_, [links](https://…). Produces data, never
// HTML: the renderer turns it into React elements, which escape all text.

export type Inline =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "em"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] };

// Deeper nesting is shown as text: bounds recursion on hostile input.
const MAX_DEPTH = 4;
const ESCAPABLE = new Set("\\`*_[]()#+-.!>".split(""));
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Only absolute http(s) links survive; anything else (javascript:, data:, relative) is dropped. */
export function safeHref(url: string): string | null {
  try {
    const u = new URL(url.trim());
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

function canOpen(s: string, i: number, d: string): boolean {
  if (isSpace(s[i + d.length])) return false;
  // snake_case_words are not emphasis.
  return d[0] !== "_" || !isWordChar(s[i - 1]);
}

function isCloser(s: string, j: number, d: string): boolean {
  if (isSpace(s[j - 1]) || s[j - 1] === "\\") return false;
  if (d.length === 1 && (s[j - 1] === d || s[j + 1] === d)) return false; // part of a ** pair
  return d[0] !== "_" || !isWordChar(s[j + d.length]);
}

/** The ")" closing a link target that starts at `from`; balanced parentheses belong to the URL. */
function urlEndAt(s: string, from: number): number {
  let open = 0;
  // Targets are short; a bounded scan keeps many unclosed "[x](" cheap.
  for (let k = from; k < Math.min(s.length, from + 2_048); k += 1) {
    if (s[k] === "(") open += 1;
    else if (s[k] === ")" && open-- === 0) return k;
    else if (s[k] === "\n") return -1;
  }
  return -1;
}

export function parseInline(s: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  // Where a search for a delimiter's closer found none: later searches cannot find one either,
  // which keeps a long run of unclosed delimiters from making parsing quadratic.
  const missFrom = new Map<string, number>();
  const find = (d: string, from: number, ok: (j: number) => boolean): number => {
    if (from >= (missFrom.get(d) ?? Infinity)) return -1;
    for (let j = s.indexOf(d, from); j !== -1; j = s.indexOf(d, j + 1)) if (ok(j)) return j;
    missFrom.set(d, Math.min(from, missFrom.get(d) ?? Infinity));
    return -1;
  };
  let text = "";
  const push = (node: Inline) => {
    if (text) out.push({ type: "text", text });
    text = "";
    out.push(node);
  };

  let i = 0;
  while (i < s.length) {
    const c = s[i];
    const next = s[i + 1];
    if (c === "\\" && next !== undefined && ESCAPABLE.has(next)) {
      text += next;
      i += 2;
      continue;
    }
    if (c === "`") {
      const end = find("`", i + 1, () => true);
      if (end > i + 1) {
        push({ type: "code", text: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < MAX_DEPTH && (c === "*" || c === "_")) {
      const d = s[i + 1] === c ? c + c : c;
      const end = canOpen(s, i, d) ? find(d, i + d.length + 1, (j) => isCloser(s, j, d)) : -1;
      if (end !== -1) {
        const children = parseInline(s.slice(i + d.length, end), depth + 1);
        push({ type: d.length === 2 ? "strong" : "em", children });
        i = end + d.length;
        continue;
      }
      // An unmatched ** stays as two characters of text.
      text += d;
      i += d.length;
      continue;
    }
    if (depth < MAX_DEPTH && c === "[") {
      const labelEnd = find("]", i + 1, () => true);
      const urlEnd = labelEnd > i + 1 && s[labelEnd + 1] === "(" ? urlEndAt(s, labelEnd + 2) : -1;
      if (urlEnd !== -1) {
        const children = parseInline(s.slice(i + 1, labelEnd), depth + 1);
        const href = safeHref(s.slice(labelEnd + 2, urlEnd));
        // A link to anything but http(s) keeps its words and loses its target.
        if (href) push({ type: "link", href, children });
        else children.forEach(push);
        i = urlEnd + 1;
        continue;
      }
    }
    text += c;
    i += 1;
  }
  if (text) out.push({ type: "text", text });
  return out;
}
