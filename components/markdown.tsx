import { createElement, type ReactNode } from "react";
import ReactMarkdown, { type Components, type UrlTransform } from "react-markdown";
import remarkBreaks from "remark-breaks";
import remarkGfm from "remark-gfm";
import { cn } from "@/lib/cn";

export interface MarkdownProps {
  source: string;
  /** Added to heading levels so "# Title" fits under the page's own headings. */
  headingOffset?: number;
  /** Single newlines break lines (answers); without it they join lines as in guidelines. */
  breaks?: boolean;
  className?: string;
}

/** Enough of a markdown (mdast) or HTML (hast) tree to walk it. */
interface TreeNode {
  type: string;
  value?: string;
  children?: TreeNode[];
}

const FLOW_PARENTS = new Set(["root", "blockquote", "listItem", "footnoteDefinition"]);

/**
 * Raw HTML is shown as the text it is, never as elements: a block of it becomes a paragraph (as
 * the old parser showed it), inline HTML a text run. react-markdown would turn it into bare text
 * itself; doing it here, before remark-breaks, keeps a block's lines and its paragraph.
 */
function remarkHtmlAsText() {
  return (tree: TreeNode) => {
    // A loop, not recursion: an answer can nest deeper than the call stack goes.
    const stack = [tree];
    for (let node = stack.pop(); node; node = stack.pop())
      node.children?.forEach((child, i, siblings) => {
        if (child.type !== "html") return void stack.push(child);
        const text = { type: "text", value: child.value ?? "" };
        siblings[i] = FLOW_PARENTS.has(node.type) ? { type: "paragraph", children: [text] } : text;
      });
  };
}

/** Only absolute http(s) and mailto URLs survive; javascript:, data:, relative and in-page ones are dropped. */
const safeUrl: UrlTransform = (url) => {
  try {
    const u = new URL(url.trim());
    return ["http:", "https:", "mailto:"].includes(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
};

const textOf = (node: TreeNode | undefined): string => node?.value ?? node?.children?.map(textOf).join("") ?? "";

const linkProps = { target: "_blank", rel: "noopener noreferrer nofollow", className: "text-indigo-600 underline" };
const cell = "border border-slate-200 px-2 py-1 text-start align-top";

// Elements with our classes; each block of text takes the direction of its own first letter
// (dir="auto"), so a Hebrew paragraph and an English one of one answer each read as written. Code
// stays left to right. Anything that carries an id, a class or an aria reference from the
// tree (footnotes, task lists) is rebuilt here without it: two answers on one page must not clash.
const elements: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} {...linkProps}>
        {children}
      </a>
    ) : (
      <>{children}</>
    ),
  // An answer must not make the annotator's browser fetch a URL: an image is shown as a link to it.
  img: ({ src, alt }) => {
    const label = `Image: ${alt || (typeof src === "string" ? src : "")}`.trim();
    return typeof src === "string" && src ? (
      <a href={src} {...linkProps}>
        {label}
      </a>
    ) : (
      <span>{label}</span>
    );
  },
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">{children}</code>,
  // Whitespace exact: indentation is meaning in code. Rendered from the tree, so the inline-code
  // look above stays off blocks; the newline markdown adds at the end is dropped.
  // Focusable and named, so a keyboard user can scroll a long line into view (axe: scrollable-region-focusable).
  pre: ({ node }) => (
    <pre
      role="group"
      tabIndex={0}
      aria-label="Code, scroll sideways"
      className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs whitespace-pre text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <code>{textOf(node).replace(/\n$/, "")}</code>
    </pre>
  ),
  p: ({ children }) => <p dir="auto">{children}</p>,
  ul: ({ children }) => (
    <ul dir="auto" className="list-disc space-y-1 ps-6">
      {children}
    </ul>
  ),
  ol: ({ children, start }) => (
    <ol dir="auto" start={start} className="list-decimal space-y-1 ps-6">
      {children}
    </ol>
  ),
  // A task item shows its box instead of a bullet; its list may mix in plain items.
  li: ({ children, className }) => (
    <li dir="auto" className={cn("space-y-1", className?.includes("task-list-item") && "list-none")}>
      {children}
    </li>
  ),
  input: ({ checked }) => (
    <span role="img" aria-label={checked ? "done" : "not done"} className="mr-1">
      {checked ? "☑" : "☐"}
    </span>
  ),
  blockquote: ({ children }) => (
    <blockquote dir="auto" className="space-y-3 border-s-4 border-slate-200 ps-3 text-slate-600">
      {children}
    </blockquote>
  ),
  // Wide tables scroll inside their column instead of widening the page.
  table: ({ children }) => (
    <div
      role="group"
      tabIndex={0}
      aria-label="Table, scroll sideways"
      className="max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600"
    >
      <table className="border-collapse text-start">{children}</table>
    </div>
  ),
  th: ({ children, style }) => (
    <th dir="auto" style={style} className={cn(cell, "bg-slate-50 font-semibold")}>
      {children}
    </th>
  ),
  td: ({ children, style }) => (
    <td dir="auto" style={style} className={cell}>
      {children}
    </td>
  ),
  hr: () => <hr className="border-slate-200" />,
  section: ({ children }) => <section className="space-y-3 border-t border-slate-200 pt-3">{children}</section>,
};

const headingClass = ["", "text-xl", "text-lg", "text-base", "text-sm", "text-sm", "text-sm"];

// One set per offset, made once: new component functions on each render would remount the tree.
const byOffset = new Map<number, Components>();
function componentsFor(offset: number): Components {
  let found = byOffset.get(offset);
  if (!found) {
    found = { ...elements };
    for (const level of [1, 2, 3, 4, 5, 6] as const)
      found[`h${level}`] = ({ children }) =>
        createElement(
          `h${Math.min(6, level + offset)}`,
          { dir: "auto", className: cn("font-semibold", headingClass[level]) },
          children,
        );
    byOffset.set(offset, found);
  }
  return found;
}

const withBreaks = [remarkHtmlAsText, remarkGfm, remarkBreaks];
const withoutBreaks = [remarkHtmlAsText, remarkGfm];

// The parser recurses per nesting level and slows quadratically with it: 1,000 list markers on one
// line (2 kB) overflow the stack after 0.6 s, 4,000 after 10 s. No answer nests that deep on
// purpose, so from 32 containers opened on one line the text is shown as written instead.
const DEEP_NESTING = /^(?:[ \t]*(?:>|[*+-][ \t]|\d{1,9}[.)][ \t])){32}/m;
// Emphasis is matched in time quadratic in a run of its markers: 1,000 asterisks either side of a
// word take 0.16 s, 5,000 take 4 s. A model stuck repeating one character writes such runs; from
// 1,000 in a row, the text is shown as written.
const LONG_EMPHASIS_RUN = /[*_]{1000}/;

/** Renders markdown (CommonMark and GitHub's tables, strikethrough, task lists) as React elements: never raw HTML. */
export function Markdown({ source, headingOffset = 2, breaks = false, className }: MarkdownProps) {
  let content: ReactNode = null;
  if (!DEEP_NESTING.test(source) && !LONG_EMPHASIS_RUN.test(source)) {
    try {
      // Called, not rendered, so that a parse which still runs out of stack is caught here.
      content = ReactMarkdown({
        children: source,
        remarkPlugins: breaks ? withBreaks : withoutBreaks,
        components: componentsFor(headingOffset),
        urlTransform: safeUrl,
      });
    } catch {
      content = null;
    }
  }
  return (
    <div className={cn("space-y-3 text-sm leading-6 text-slate-800", className)}>
      {content ?? (
        <p dir="auto" className="break-words whitespace-pre-wrap">
          {source}
        </p>
      )}
    </div>
  );
}
