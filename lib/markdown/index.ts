// The public surface of lib/markdown: a small markdown subset parsed to data, used to take the
// words out of uploaded .md documents (lib/documents/clean-markdown.ts). Pages render markdown
// with components/markdown.tsx (react-markdown), not with this.
export * from "./parse";
