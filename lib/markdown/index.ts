// The public surface of lib/markdown: a small markdown subset parsed to data, used to find the
// title of uploaded .md documents (lib/documents/clean-markdown.ts), and where a text's blocks
// (code, tables, headings, prose) are, for chunking and extracts. Pages render markdown with
// components/markdown.tsx (react-markdown), not with this.
export * from "./parse";
export * from "./blocks";
