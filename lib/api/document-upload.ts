import { documentUploadSchema, rawUploadQuerySchema, type DocumentInput } from "@/lib/documents";
import { ApiError, parseQuery } from "./errors";
import { refuseUnstorableText } from "./input-guard";
import { parseJson, readUtf8Body } from "./json-body";
import { checkDeclaredLength, limitedBody } from "./upload";

// How documents reach the server. The page sends JSON: several files as base64 (multipart is
// refused, as for imports: HTML forms can send it from any site) and pasted text. Scripts send one
// file or a .zip as the raw body with ?fileName=. Either way at most `maxBytes` is read.

async function readAll(req: Request, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of limitedBody(req, maxBytes)) {
    parts.push(chunk);
    length += chunk.byteLength;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
}

export async function readDocumentUpload(req: Request, maxBytes: number): Promise<DocumentInput[]> {
  checkDeclaredLength(req, maxBytes);
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") {
    throw new ApiError(
      415,
      "unsupported_media_type",
      'Send JSON ({"files":[{"name","data" (base64)}],"pasted":[{"title","text"}]}) or one file as the body with ?fileName=.',
    );
  }
  if (type === "application/json") {
    const json = parseJson(await readUtf8Body(req, maxBytes));
    // Pasted text with a NUL is refused (422) as in imports; a file's NULs are removed and counted.
    const upload = documentUploadSchema.parse(refuseUnstorableText(json));
    return [
      ...upload.files.map((f) => ({ fileName: f.name, bytes: Buffer.from(f.data, "base64") })),
      ...upload.pasted.map((p) => ({ title: p.title, text: p.text, format: p.format })),
    ];
  }
  const { fileName } = parseQuery(rawUploadQuerySchema, req);
  return [{ fileName, bytes: await readAll(req, maxBytes) }];
}
