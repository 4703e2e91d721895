import type { EffectsQuery } from '../read-model/read-model.ts';
import type { ServedModel } from '../read-model/served-model.ts';
import type { EffectsOutput } from './effects-export.ts';

/** What a body is built from: the model's own table of `query`, serialised as `output`. */
export interface BodyRequest {
  query: EffectsQuery;
  output: EffectsOutput;
  /** The URL of the request that first asked for it. */
  url: string;
}

/** The part of a model that builds bodies (the host does the work). */
export type BodyModel = Pick<ServedModel, 'tableBody' | 'tableRows'>;

interface Bodies {
  map: Map<string, Promise<Uint8Array>>;
  /** Bytes of the bodies kept (those still being built count once they are done). */
  bytes: number;
  sizes: Map<string, number>;
  /**
   * What each key is built from, how often it was asked in all (this model and the ones it
   * replaced) and how often of this model: only a body asked while the model was served is
   * warmed for the next one, so a table nobody asks any more stops being built.
   */
  asked: Map<string, Asked>;
}

interface Asked {
  request: BodyRequest;
  times: number;
  here: number;
}

/** Bodies built for a new model before it is served: the most asked of the model it replaces. */
const WARM_BODIES = 8;
/** Distinct queries remembered per model (each a few hundred bytes). */
const ASKED_KEPT = 1000;

/**
 * Serialised `/v1/effects` bodies (JSON, CSV) per read model and query: a model never changes,
 * so a table serialised once is sent again as it is until the next data version (BI tools poll
 * the same large tables). Concurrent requests for one body share its build. At most `maxBytes`
 * per model; the oldest goes first. `warm` builds the most asked bodies of one model on the next
 * before it is swapped in, so the first requests after a new data version are not the ones that
 * wait for the host.
 *
 * @example
 *   const bodies = new EffectsBodies(64 * 1024 * 1024);
 *   const body = await bodies.get(model, 'csv|offer', { query, output, url: request.url });
 *   store.addWarmer((previous, next) => bodies.warm(previous, next));
 */
export class EffectsBodies {
  private readonly byModel = new WeakMap<object, Bodies>();

  constructor(private readonly maxBytes: number) {}

  /** The body filed under `key` for `model`, or the one it builds from `request` (kept when it fits). */
  get(model: BodyModel, key: string, request: BodyRequest): Promise<Uint8Array> {
    const bodies = this.of(model);
    const asked = bodies.asked.get(key);
    if (asked) {
      asked.times++;
      asked.here++;
    } else {
      const oldest = bodies.asked.keys().next();
      if (bodies.asked.size >= ASKED_KEPT && !oldest.done) bodies.asked.delete(oldest.value);
      bodies.asked.set(key, { request, times: 1, here: 1 });
    }
    return this.body(model, bodies, key, request);
  }

  /**
   * Builds on `next` (not yet served) the bodies most asked of `previous`, one after the other,
   * with the row counts the route checks first. A body that fails to build is only not warmed.
   */
  async warm(previous: BodyModel, next: BodyModel): Promise<void> {
    const from = this.byModel.get(previous);
    if (!from) return;
    const target = this.of(next);
    const wanted = [...from.asked]
      .filter(([key, asked]) => asked.here > 0 && from.sizes.has(key))
      .sort(([, a], [, b]) => b.times - a.times);
    let bytes = 0;
    for (const [key, { request, times }] of wanted.slice(0, WARM_BODIES)) {
      bytes += from.sizes.get(key) ?? 0;
      if (bytes > this.maxBytes / 2) break;
      target.asked.set(key, { request, times, here: 0 });
      await Promise.all([
        next.tableRows(request.query.groupBy, request.query.periodUnit),
        this.body(next, target, key, request),
      ]).catch(() => undefined);
    }
  }

  private of(model: BodyModel): Bodies {
    let bodies = this.byModel.get(model);
    if (!bodies)
      this.byModel.set(model, (bodies = { map: new Map(), bytes: 0, sizes: new Map(), asked: new Map() }));
    return bodies;
  }

  private body(model: BodyModel, bodies: Bodies, key: string, request: BodyRequest): Promise<Uint8Array> {
    const known = bodies.map.get(key);
    if (known !== undefined) return known;
    const body = model.tableBody(request.query, request.output, request.url);
    bodies.map.set(key, body);
    body.then(
      (bytes) => this.keep(bodies, key, body, bytes.byteLength),
      () => {
        if (bodies.map.get(key) === body) bodies.map.delete(key);
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
