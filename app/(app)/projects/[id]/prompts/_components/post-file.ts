import { ApiClientError } from "@/lib/api/client";
import type { ErrorBody } from "@/lib/api/errors";

/**
 * POSTs a file as the raw request body. XMLHttpRequest rather than fetch because it reports
 * upload progress; either way the browser streams the File from disk instead of loading it.
 */
export function postFile<T>(url: string, file: Blob, onProgress?: (sent: number, total: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const data = xhr.response as (T & Partial<ErrorBody>) | null;
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const e = data?.error;
      reject(
        new ApiClientError(
          xhr.status,
          e?.code ?? "http_error",
          e?.message ?? `Request failed (${xhr.status})`,
          e?.fields,
        ),
      );
    };
    xhr.onerror = () =>
      reject(new ApiClientError(0, "network_error", "The upload failed: the connection to the server was lost."));
    xhr.send(file);
  });
}

/** The query string of an import or preview request; empty values are left out. */
export function importQuery(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}
