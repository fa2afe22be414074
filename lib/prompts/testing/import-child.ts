// A process that imports prompts and is killed halfway by import-abort.test.ts. It streams
// `lines` generated prompts, says "sent" on stdout once `sentBefore` lines are out, and then
// stalls like a slow upload until the test sends SIGTERM.
import { importPrompts } from "@/lib/prompts/import-prompts";

const [projectId, userId, lines, sentBefore] = process.argv.slice(2);
if (!projectId || !userId) throw new Error("usage: import-child.ts <projectId> <userId> <lines> <sentBefore>");

async function* upload(): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk = "";
  for (let i = 0; i < Number(lines); i++) {
    if (i === Number(sentBefore)) {
      yield encoder.encode(chunk);
      chunk = "";
      process.stdout.write("sent\n");
      await new Promise(() => {}); // the rest never comes
    }
    chunk += `${JSON.stringify({ prompt: `Child prompt ${i}: ${"lorem ipsum ".repeat(6)}` })}\n`;
    if (chunk.length >= 64 * 1024) {
      yield encoder.encode(chunk);
      chunk = "";
    }
  }
  yield encoder.encode(chunk);
}

await importPrompts({ projectId, userId, input: upload(), fileName: "child.jsonl" });
process.stdout.write("finished\n");
process.exit(0);
