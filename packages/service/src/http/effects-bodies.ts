import type { ReadModel } from '../read-model/read-model.ts';

interface Bodies {
  map: Map<string, string>;
  bytes: number;
}

/**
 * Serialised `/v1/effects` JSON bodies per read model and query: a model never changes, so a
 * table serialised once is sent again as it is until the next data version (BI tools poll the
 * same large tables). At most `maxBytes` (UTF-16 length) per model; the oldest goes first.
 */
export class EffectsBodies {
  private readonly byModel = new WeakMap<ReadModel, Bodies>();

  constructor(private readonly maxBytes: number) {}

  /** The body filed under `key` for `model`, or the one `build` makes (kept when it fits). */
  get(model: ReadModel, key: string, build: () => string): string {
    let bodies = this.byModel.get(model);
    if (!bodies) this.byModel.set(model, (bodies = { map: new Map(), bytes: 0 }));
    const known = bodies.map.get(key);
    if (known !== undefined) return known;
    const body = build();
    if (body.length > this.maxBytes) return body;
    while (bodies.bytes + body.length > this.maxBytes) {
      const [oldest, value] = bodies.map.entries().next().value!;
      bodies.map.delete(oldest);
      bodies.bytes -= value.length;
    }
    bodies.map.set(key, body);
    bodies.bytes += body.length;
    return body;
  }
}
