import { ByteWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet";
import type { ParquetColumn } from "./formats";

// Parquet written as it streams: rows are gathered into row groups of bounded size, each group is
// encoded and its bytes handed on before the next is read. The footer only needs the offsets of
// what was written, so nothing is ever sought back to.

/** Rows per row group, and the text size at which a group is closed early (long answers). */
const GROUP_ROWS = 20_000;
const GROUP_BYTES = 24 * 1024 * 1024;

/** A ByteWriter whose finished bytes are taken away after each row group (and at the end). */
class HandOffWriter extends ByteWriter {
  ready: Uint8Array[] = [];
  flush() {
    if (this.index) this.ready.push(this.getBytes().slice());
    this.index = 0;
  }
  finish() {
    this.flush();
  }
}

function approxBytes(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (value && typeof value === "object") {
    let n = 16;
    for (const v of Object.values(value)) n += approxBytes(v);
    return n;
  }
  return 8;
}

const utf8 = (name: string): SchemaElement => ({
  name,
  type: "BYTE_ARRAY",
  converted_type: "UTF8",
  logical_type: { type: "STRING" },
  repetition_type: "REQUIRED",
});

/**
 * A list of messages in the Parquet LIST layout (the column, its repeated `list` group, each
 * `element` a struct of `role` and `content`): what pyarrow writes for list<struct<role: string,
 * content: string>>, and what the `datasets` library reads back as a list of dicts.
 */
const messagesSchema = (name: string): SchemaElement[] => [
  { name, repetition_type: "REQUIRED", num_children: 1, converted_type: "LIST", logical_type: { type: "LIST" } },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", repetition_type: "REQUIRED", num_children: 2 },
  utf8("role"),
  utf8("content"),
];

/** The file's schema: each basic column as hyparquet-writer types it, each message list as above. */
export function parquetSchema(columns: ParquetColumn[]): SchemaElement[] {
  const basic = columns.flatMap((c) => (c.type === "messages" ? [] : [c]));
  const [, ...typed] = schemaFromColumnData({
    columnData: basic.map((c) => ({ name: c.name, data: [], type: c.type, nullable: c.nullable })),
  });
  const byName = new Map(typed.map((e) => [e.name, e]));
  return [
    { name: "root", num_children: columns.length },
    ...columns.flatMap((c) => (c.type === "messages" ? messagesSchema(c.name) : [byName.get(c.name)!])),
  ];
}

export async function* parquetBytes(records: AsyncIterable<Record<string, unknown>>, columns: ParquetColumn[]) {
  const writer = new HandOffWriter(1 << 20);
  const schema = parquetSchema(columns);
  const pq = new ParquetWriter({ writer, schema, createdBy: "pairwise" });
  let group: unknown[][] = columns.map(() => []);
  let rows = 0;
  let bytes = 0;

  const writeGroup = async () => {
    if (!rows) return;
    await pq.write({ columnData: columns.map((c, i) => ({ name: c.name, data: group[i]! })), rowGroupSize: rows });
    group = columns.map(() => []);
    rows = 0;
    bytes = 0;
  };

  for await (const record of records) {
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      let value = record[c.name];
      if (c.type === "TIMESTAMP" && typeof value === "string") value = new Date(value);
      group[i]!.push(value);
      bytes += approxBytes(value);
    }
    rows++;
    if (rows >= GROUP_ROWS || bytes >= GROUP_BYTES) {
      await writeGroup();
      yield* writer.ready.splice(0);
    }
  }
  await writeGroup();
  await pq.finish();
  yield* writer.ready.splice(0);
}
