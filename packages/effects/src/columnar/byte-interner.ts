/**
 * Interns byte strings (person ids as they sit in a CSV buffer) to dense integers 0, 1, 2, …
 * without creating a JavaScript string per row: the bytes are hashed (FNV-1a) and compared in
 * place, and copied once, into one growing arena, the first time they are seen. The dense ids
 * are what a counting sort groups rows by, whatever the order of the file.
 *
 * @example
 * const ids = new ByteInterner();
 * const bytes = new TextEncoder().encode('P1,P2,P1');
 * ids.intern(bytes, 0, 2); // 0
 * ids.intern(bytes, 3, 5); // 1
 * ids.intern(bytes, 6, 8); // 0
 * ids.size; // 2
 */
export class ByteInterner {
  /** The bytes of every interned value, back to back. */
  private arena = new Uint8Array(1 << 16);
  private arenaLength = 0;
  /** Start of value i in the arena; value i ends where value i + 1 starts. */
  private starts = new Int32Array(1 << 10);
  private hashes = new Int32Array(1 << 10);
  /** Open addressing: slot → value + 1 (0 = empty). */
  private table = new Int32Array(1 << 11);
  size = 0;

  /** The id of bytes[start, end), interned on first sight. */
  intern(bytes: Uint8Array, start: number, end: number): number {
    return this.find(bytes, start, end, true);
  }

  /** The id of bytes[start, end), or −1 when it was never interned. */
  lookup(bytes: Uint8Array, start: number, end: number): number {
    return this.find(bytes, start, end, false);
  }

  /** The bytes of value `id` (a copy). */
  bytesOf(id: number): Uint8Array {
    return this.arena.slice(this.starts[id] as number, this.endOf(id));
  }

  private endOf(id: number): number {
    return id + 1 < this.size ? (this.starts[id + 1] as number) : this.arenaLength;
  }

  private find(bytes: Uint8Array, start: number, end: number, add: boolean): number {
    const hash = hashBytes(bytes, start, end);
    const mask = this.table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot] as number;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes[id] === hash && this.equals(id, bytes, start, end)) return id;
    }
    if (!add) return -1;
    return this.add(bytes, start, end, hash);
  }

  private equals(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[id] as number;
    if (this.endOf(id) - from !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.arena[from + i] !== bytes[start + i]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const id = this.size;
    if (id === this.starts.length) {
      this.starts = grow(this.starts, id * 2);
      this.hashes = grow(this.hashes, id * 2);
    }
    const length = end - start;
    if (this.arenaLength + length > this.arena.length) {
      const arena = new Uint8Array(Math.max(this.arena.length * 2, this.arenaLength + length));
      arena.set(this.arena.subarray(0, this.arenaLength));
      this.arena = arena;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaLength);
    this.starts[id] = this.arenaLength;
    this.hashes[id] = hash;
    this.arenaLength += length;
    this.size++;
    // Load factor at most 1/2 keeps probe runs short.
    if (this.size * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(id);
    return id;
  }

  private place(id: number): void {
    const mask = this.table.length - 1;
    let slot = (this.hashes[id] as number) & mask;
    while (this.table[slot] !== 0) slot = (slot + 1) & mask;
    this.table[slot] = id + 1;
  }

  private rehash(slots: number): void {
    this.table = new Int32Array(slots);
    for (let id = 0; id < this.size; id++) this.place(id);
  }
}

function grow(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

/**
 * The 32-bit FNV-1a hash of bytes[start, end), as a signed integer: the interner's slot
 * choice, and the one hash for anything that must agree with it on the same bytes.
 *
 * @example
 * hashBytes(Buffer.from('P1'), 0, 2) === hashBytes(Buffer.from('xP1'), 1, 3); // true
 */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return hash;
}
