import { handler } from "@/lib/api/handler";
import { sftDownload, sftDownloadSchema } from "@/lib/document-runs";
import { contentTypeFor, slug } from "@/lib/export/download";
import { runParamsSchema } from "@/lib/jobs/schemas";

// An instruction run's kept items as SFT JSONL ({instruction, output}); the run is checked before
// the response starts, then the lines stream as the client reads them.
export const GET = handler(
  { access: "ADMIN", project: "admin", params: runParamsSchema, query: sftDownloadSchema },
  async ({ params, query }) => {
    const { body, projectName, split } = await sftDownload(params.id, params.runId, query);
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": contentTypeFor("jsonl"),
        "Content-Disposition": `attachment; filename="${slug(projectName)}-sft-${params.runId}-${split}.jsonl"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
