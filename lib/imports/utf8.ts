import { ImportFormatError } from "./errors";

// TextDecoder says only *that* bytes are invalid, not where. These helpers track enough of the
// stream (bytes and newlines seen, the incomplete sequence the decoder is holding) to name the
// line and byte offset when it throws.

/** Index of the first byte that starts an invalid UTF-8 sequence, or -1 (a truncated tail is not invalid here). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!; // i < bytes.length
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return -1;
      const c = bytes[i + k]!; // checked against bytes.length just above
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** How many trailing bytes form a sequence that is not complete yet (0–3). */
export function incompleteTailLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!; // back <= bytes.length
    if (b >= 0x80 && b <= 0xbf) continue;
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return size > back ? back : 0;
  }
  return 0;
}

function countNewlines(bytes: Uint8Array, end = bytes.length): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function utf8Error(line: number, byte: number): ImportFormatError {
  return new ImportFormatError(
    "invalid_utf8",
    `File is not valid UTF-8 (line ${line}, byte ${byte}). Save it as UTF-8 and try again.`,
    line,
  );
}

/** Follows the bytes handed to a streaming TextDecoder so its failures can be located. */
export class Utf8Position {
  private bytes = 0;
  private newlines = 0;
  private pending: Uint8Array = new Uint8Array(0);

  /** Records a chunk the decoder accepted. */
  advance(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    this.newlines += countNewlines(chunk);
    // A newline is ASCII and never part of a pending sequence, so only the tail matters here.
    const joined = chunk.length >= 4 ? chunk : concat(this.pending, chunk);
    this.pending = joined.slice(joined.length - incompleteTailLength(joined));
  }

  /** Where a chunk the decoder rejected goes wrong. Byte offsets are 0-based from the start of the file. */
  locateInvalid(chunk: Uint8Array): { line: number; byte: number } {
    const joined = concat(this.pending, chunk);
    const at = Math.max(0, firstInvalidUtf8(joined));
    const inChunk = Math.max(0, at - this.pending.length);
    return { line: this.newlines + 1 + countNewlines(chunk, inChunk), byte: this.bytes - this.pending.length + at };
  }

  /** Where the unfinished character starts, when the input ends in the middle of one. */
  locateTruncated(): { line: number; byte: number } {
    return { line: this.newlines + 1, byte: this.bytes - this.pending.length };
  }

  /** The error for a chunk the decoder rejected. */
  invalid(chunk: Uint8Array): ImportFormatError {
    const { line, byte } = this.locateInvalid(chunk);
    return utf8Error(line, byte);
  }

  /** The error for a file that ends in the middle of a multi-byte character. */
  truncated(): ImportFormatError {
    const { line, byte } = this.locateTruncated();
    return utf8Error(line, byte);
  }
}
