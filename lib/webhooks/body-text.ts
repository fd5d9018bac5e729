export type BodyText = {
  /** The body as text: as sent when it is UTF-8 text, otherwise with non-text bytes escaped. */
  text: string;
  /**
   * True when the body is not plain UTF-8 text (a NUL or another control byte, invalid UTF-8):
   * each such byte is then written `\xNN` and each backslash `\\`, so every byte can be told
   * from the text and the text is always storable.
   */
  binary: boolean;
};

/** Control bytes that plain text has no use for; tab, line feed and carriage return are text. */
const isControl = (byte: number) => (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f;
const hex = (byte: number) => `\\x${byte.toString(16).padStart(2, "0")}`;

/**
 * A received body as storable text. A body cut short (`truncated`) may end inside a character:
 * that incomplete character is dropped rather than counted as binary.
 */
export function bodyText(bytes: Uint8Array, truncated: boolean): BodyText {
  const end = truncated ? bytes.length - incompleteTail(bytes) : bytes.length;
  let plain = true;
  for (let i = 0; i < end;) {
    const length = sequenceLength(bytes, i, end);
    if (length === 0 || (length === 1 && isControl(bytes[i]))) {
      plain = false;
      break;
    }
    i += length;
  }
  const kept = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  if (plain) return { text: kept.toString("utf8"), binary: false };
  return { text: escapeBytes(kept), binary: true };
}

function escapeBytes(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i, bytes.length);
    if (length === 0 || (length === 1 && isControl(bytes[i]))) {
      text += hex(bytes[i]);
      i += 1;
    } else if (length === 1) {
      text += bytes[i] === 0x5c ? "\\\\" : String.fromCharCode(bytes[i]);
      i += 1;
    } else {
      text += Buffer.from(bytes.subarray(i, i + length)).toString("utf8");
      i += length;
    }
  }
  return text;
}

/**
 * The length of the well-formed UTF-8 sequence at `i` (1–4), or 0 when the bytes there are not
 * one: a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF, cut short.
 */
function sequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  let length: number;
  let min: number;
  let max = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    length = 2;
    min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    min = b0 === 0xe0 ? 0xa0 : 0x80;
    if (b0 === 0xed) max = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    min = b0 === 0xf0 ? 0x90 : 0x80;
    if (b0 === 0xf4) max = 0x8f;
  } else {
    return 0;
  }
  if (i + length > end) return 0;
  if (bytes[i + 1] < min || bytes[i + 1] > max) return 0;
  for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return length;
}

/** How many bytes at the end start a character that the cut left incomplete (0–3). */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if (b < 0x80) return 0;
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > back ? back : 0;
    }
  }
  return 0;
}

/**
 * Text from a receiver's headers or status made storable: PostgreSQL text and jsonb take
 * neither a NUL nor a lone surrogate. NULs are written `\x00`, lone surrogates become U+FFFD.
 */
export function storableText(text: string): string {
  return text.toWellFormed().replace(/\0/g, "\\x00");
}
