/**
 * One row of `COPY … TO STDOUT` in text format, as byte ranges into `bytes`: field i is
 * `bytes[starts[i], ends[i])`, or NULL (`\N`) when `ends[i]` is −1. The arrays and the buffer
 * are reused: copy out what must outlive the call.
 */
export type CopyRowHandler = (bytes: Buffer, starts: Int32Array, ends: Int32Array) => void;

/** Field ends of a NULL field. */
export const COPY_NULL = -1;

const NEWLINE = 10;
const TAB = 9;
const BACKSLASH = 92;
const CAPITAL_N = 78;

/**
 * Splits the text-format output of a `COPY … TO STDOUT` into rows of `fields` fields and hands
 * each to `onRow` without making a string: tabs separate fields, a newline ends a row, `\N` is
 * NULL. A field with another backslash escape (`\\`, `\t`, `\n`, octal, hex …) is decoded
 * into a fresh buffer first, so `onRow` always sees the value's own bytes. Returns the number
 * of rows. Throws on a row with another number of fields (a wrong query, not bad data).
 *
 * @example
 * await forEachCopyRow(client.query(copyTo('COPY (SELECT person_id FROM persons) TO STDOUT')), 1, (b, s, e) => …);
 */
export async function forEachCopyRow(
  stream: AsyncIterable<Buffer>,
  fields: number,
  onRow: CopyRowHandler,
): Promise<number> {
  const starts = new Int32Array(fields);
  const ends = new Int32Array(fields);
  let rows = 0;
  let carry: Buffer | null = null;
  const row = (b: Buffer, from: number, to: number) => {
    let field = 0;
    let fieldStart = from;
    let slash = false;
    let escaped = false;
    for (let i = from; i <= to; i++) {
      const c = i === to ? TAB : b[i]!;
      if (c === TAB) {
        if (field >= fields) throw new Error(`COPY row with more than ${fields} fields`);
        starts[field] = fieldStart;
        if (!slash) ends[field] = i;
        else if (i - fieldStart === 2 && b[fieldStart + 1] === CAPITAL_N) ends[field] = COPY_NULL;
        else {
          ends[field] = i;
          escaped = true;
        }
        field++;
        fieldStart = i + 1;
        slash = false;
      } else if (c === BACKSLASH) slash = true;
    }
    if (field !== fields) throw new Error(`COPY row with ${field} fields, expected ${fields}`);
    rows++;
    if (!escaped) return onRow(b, starts, ends);
    // Rare: decode the fields into one new buffer (NULLs stay marked).
    const parts: Buffer[] = [];
    let length = 0;
    for (let f = 0; f < fields; f++) {
      const s = starts[f]!;
      const e = ends[f]!;
      starts[f] = length;
      if (e === COPY_NULL) continue;
      const part = unescape(b, s, e);
      parts.push(part);
      length += part.length;
      ends[f] = length;
    }
    onRow(Buffer.concat(parts, length), starts, ends);
  };
  for await (const chunk of stream) {
    const b: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
    let from = 0;
    for (let nl = b.indexOf(NEWLINE, from); nl >= 0; nl = b.indexOf(NEWLINE, from)) {
      row(b, from, nl);
      from = nl + 1;
    }
    // The remainder is copied: the stream may reuse its chunk buffers.
    carry = from < b.length ? Buffer.from(b.subarray(from)) : null;
  }
  if (carry !== null) throw new Error('COPY output ended inside a row');
  return rows;
}

const ESCAPES: Record<number, number> = {
  98 /* b */: 8,
  102 /* f */: 12,
  110 /* n */: 10,
  114 /* r */: 13,
  116 /* t */: 9,
  118 /* v */: 11,
};

/** The bytes of one text-format field with its backslash escapes decoded (PostgreSQL COPY rules). */
function unescape(b: Buffer, start: number, end: number): Buffer {
  const out = Buffer.alloc(end - start);
  let length = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c !== BACKSLASH || i + 1 >= end) {
      out[length++] = c;
      continue;
    }
    const next = b[++i]!;
    if (next >= 48 && next <= 55) {
      // \ooo: one to three octal digits.
      let value = next - 48;
      for (let k = 0; k < 2 && i + 1 < end && b[i + 1]! >= 48 && b[i + 1]! <= 55; k++) {
        value = value * 8 + (b[++i]! - 48);
      }
      out[length++] = value & 0xff;
    } else if (next === 120 /* x */ && i + 1 < end && hexValue(b[i + 1]!) >= 0) {
      // \xhh: one or two hex digits.
      let value = hexValue(b[++i]!);
      if (i + 1 < end && hexValue(b[i + 1]!) >= 0) value = value * 16 + hexValue(b[++i]!);
      out[length++] = value;
    } else {
      out[length++] = ESCAPES[next] ?? next;
    }
  }
  return out.subarray(0, length);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
