// Shared by the server (413 answers) and the browser (refusing a file before sending it).

const MB = 1024 * 1024;

/** "200 MB", "1.5 MB", "64 KB", "900 bytes" (binary units, as IMPORT_MAX_BYTES is counted). */
export function formatBytes(bytes: number): string {
  const shown = (n: number) => String(Math.round(n * 10) / 10);
  if (bytes >= MB) return `${shown(bytes / MB)} MB`;
  if (bytes >= 1024) return `${shown(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export function tooLargeMessage(maxBytes: number): string {
  return `The file is larger than the ${formatBytes(maxBytes)} limit (IMPORT_MAX_BYTES).`;
}
