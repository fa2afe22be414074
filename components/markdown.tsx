import { createElement, Fragment, type ReactNode } from "react";
import { cn } from "@/lib/cn";
import { parseMarkdown, type Block, type Inline } from "@/lib/markdown/parse";

export interface MarkdownProps {
  source: string;
  /** Added to heading levels so "# Title" fits under the page's own headings. */
  headingOffset?: number;
  /** Single newlines break lines (answers); without it they join lines as in guidelines. */
  breaks?: boolean;
  className?: string;
}

/** A text run, its newlines (only there with `breaks`) shown as line breaks. */
function renderText(text: string, key: number): ReactNode {
  if (!text.includes("\n")) return text;
  return (
    <Fragment key={key}>
      {text.split("\n").map((line, j) => (
        <Fragment key={j}>
          {j > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </Fragment>
  );
}

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case "text":
        return renderText(n.text, i);
      case "code":
        return (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.9em]">
            {n.text}
          </code>
        );
      case "strong":
        return <strong key={i}>{renderInline(n.children)}</strong>;
      case "em":
        return <em key={i}>{renderInline(n.children)}</em>;
      case "link":
        return (
          <a
            key={i}
            href={n.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="text-indigo-600 underline"
          >
            {renderInline(n.children)}
          </a>
        );
    }
  });
}

const headingClass = ["", "text-xl", "text-lg", "text-base", "text-sm", "text-sm", "text-sm"];

function renderBlock(block: Block, i: number, offset: number): ReactNode {
  switch (block.type) {
    case "heading": {
      const level = Math.min(6, block.level + offset);
      return createElement(
        `h${level}`,
        { key: i, dir: "auto", className: cn("font-semibold", headingClass[block.level]) },
        renderInline(block.children),
      );
    }
    case "paragraph":
      return (
        <p key={i} dir="auto">
          {renderInline(block.children)}
        </p>
      );
    case "list": {
      const items = block.items.map((item, j) => (
        <li key={j} dir="auto">
          {renderInline(item)}
        </li>
      ));
      return block.ordered ? (
        <ol key={i} dir="auto" className="list-decimal space-y-1 ps-6">
          {items}
        </ol>
      ) : (
        <ul key={i} dir="auto" className="list-disc space-y-1 ps-6">
          {items}
        </ul>
      );
    }
    case "code":
      return (
        <pre key={i} className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
          <code>{block.text}</code>
        </pre>
      );
  }
}

/** Renders the safe markdown subset of lib/markdown as React elements: text is always escaped. */
export function Markdown({ source, headingOffset = 2, breaks = false, className }: MarkdownProps) {
  return (
    <div className={cn("space-y-3 text-sm leading-6 text-slate-800", className)}>
      {parseMarkdown(source, { breaks }).map((b, i) => renderBlock(b, i, headingOffset))}
    </div>
  );
}
