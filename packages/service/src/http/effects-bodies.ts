import type { ServedModel } from '../read-model/served-model.ts';

interface Bodies {
  map: Map<string, Promise<Uint8Array>>;
  /** Bytes of the bodies kept (those still being built count once they are done). */
  bytes: number;
  sizes: Map<string, number>;
}

/**
 * Serialised `/v1/effects` bodies (JSON, CSV) per read model and query: a model never changes,
 * so a table serialised once is sent again as it is until the next data version (BI tools poll
 * the same large tables). Concurrent requests for one body share its build. At most `maxBytes`
 * per model; the oldest goes first.
 */
export class EffectsBodies {
  private readonly byModel = new WeakMap<object, Bodies>();

  constructor(private readonly maxBytes: number) {}

  /** The body filed under `key` for `model`, or the one `build` makes (kept when it fits). */
  get(model: ServedModel | object, key: string, build: () => Promise<Uint8Array>): Promise<Uint8Array> {
    let bodies = this.byModel.get(model);
    if (!bodies) this.byModel.set(model, (bodies = { map: new Map(), bytes: 0, sizes: new Map() }));
    const known = bodies.map.get(key);
    if (known !== undefined) return known;
    const body = build();
    bodies.map.set(key, body);
    const kept = bodies;
    body.then(
      (bytes) => this.keep(kept, key, body, bytes.byteLength),
      () => {
        if (kept.map.get(key) === body) kept.map.delete(key);
      },
    );
    return body;
  }

  private keep(bodies: Bodies, key: string, body: Promise<Uint8Array>, size: number): void {
    if (bodies.map.get(key) !== body) return;
    if (size > this.maxBytes) {
      bodies.map.delete(key);
      return;
    }
    // Drop the oldest finished bodies until this one fits.
    for (const [oldest, oldSize] of bodies.sizes) {
      if (bodies.bytes + size <= this.maxBytes) break;
      bodies.sizes.delete(oldest);
      bodies.map.delete(oldest);
      bodies.bytes -= oldSize;
    }
    bodies.sizes.set(key, size);
    bodies.bytes += size;
  }
}
