/** A growable column of 32-bit integers: one per field of a row kind, no object per row. */
export class IntColumn {
  data = new Int32Array(1 << 12);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** The rows of each key: rows of key k are `order[offsets[k]] … order[offsets[k + 1] - 1]`. */
export interface RowGroups {
  offsets: Int32Array;
  order: Int32Array;
}

/**
 * Groups rows by a dense key (an interned id, 0 … keyCount − 1) with a counting sort: two
 * passes over the column, memory in proportion to the rows, whatever their order. Within a
 * key, rows keep their input order.
 *
 * @example
 * const { offsets, order } = groupRows(personColumn, personIds.size);
 */
export function groupRows(keys: IntColumn, keyCount: number): RowGroups {
  const offsets = new Int32Array(keyCount + 1);
  for (let i = 0; i < keys.length; i++) offsets[keys.data[i]! + 1]!++;
  for (let k = 0; k < keyCount; k++) offsets[k + 1]! += offsets[k]!;
  const next = offsets.slice(0, keyCount);
  const order = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) order[next[keys.data[i]!]!++] = i;
  return { offsets, order };
}
