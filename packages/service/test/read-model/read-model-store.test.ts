import { describe, expect, it, vi } from 'vitest';
import { LocalModelHost } from '../../src/read-model/model-host.ts';
import { ReadModelStore, RETIRE_AFTER_MS } from '../../src/read-model/read-model-store.ts';
import type { Snapshot, SnapshotSource } from '../../src/read-model/snapshot.ts';
import { AS_OF, benefitTypes, fixtureFineCells, offers, providers } from '../app/fixture.ts';

const silent = { info: () => {}, error: () => {} };

function snapshot(version: number, offerCount: number): Snapshot {
  return {
    dataVersion: { id: version, createdAt: new Date('2026-11-01T00:00:00Z'), asOf: AS_OF },
    fineCells: fixtureFineCells(),
    offers: offers.slice(0, offerCount),
    providers,
    targetGroups: [],
    industries: [],
    packages: [],
    benefitTypes,
    latestSupervisions: [],
  };
}

/** A source whose "database" the test changes between calls. */
function fakeSource(initial: Snapshot) {
  const state = { current: initial, loads: 0 };
  const source: SnapshotSource = {
    currentVersionId: async () => state.current.dataVersion?.id ?? null,
    load: async () => {
      state.loads++;
      return state.current;
    },
  };
  return { state, source };
}

/** A store whose models are built on this thread from `source`. */
function openStore(source: SnapshotSource) {
  return ReadModelStore.open(
    source,
    new LocalModelHost(source, { minCellSize: 5 }),
    { minCellSize: 5 },
    silent,
  );
}

describe('ReadModelStore', () => {
  it('keeps the model a request started with and swaps in the new one whole', async () => {
    const { state, source } = fakeSource(snapshot(1, 4));
    const store = await ReadModelStore.open(
      source,
      new LocalModelHost(source, { minCellSize: 5 }),
      { minCellSize: 5 },
      silent,
    );
    const inFlight = store.current;
    state.current = snapshot(2, 2);
    expect(await store.reloadIfChanged()).toBe(true);
    expect(store.current.version?.id).toBe(2);
    expect(await store.current.offerViews(undefined)).toHaveLength(2);
    expect(inFlight.version?.id).toBe(1);
    expect(await inFlight.offerViews(undefined)).toHaveLength(4);
  });

  it('does not reload while the data version is unchanged, and shares one reload between callers', async () => {
    const { state, source } = fakeSource(snapshot(1, 4));
    const store = await ReadModelStore.open(
      source,
      new LocalModelHost(source, { minCellSize: 5 }),
      { minCellSize: 5 },
      silent,
    );
    expect(await store.reloadIfChanged()).toBe(false);
    expect(state.loads).toBe(1);
    await Promise.all([store.reload(), store.reload(), store.reload()]);
    expect(state.loads).toBe(2);
  });

  it('warms a new model while the old one still answers, and swaps it in even if warming fails', async () => {
    const { state, source } = fakeSource(snapshot(1, 4));
    const errors: string[] = [];
    const logger = { info: () => {}, error: (_: object, message: string) => void errors.push(message) };
    const store = await ReadModelStore.open(
      source,
      new LocalModelHost(source, { minCellSize: 5 }),
      { minCellSize: 5 },
      logger,
    );
    const warmed: { previous: number | undefined; next: number | undefined; served: number | undefined }[] =
      [];
    store.addWarmer(async (previous, next) => {
      warmed.push({
        previous: previous.version?.id,
        next: next.version?.id,
        served: store.current.version?.id,
      });
    });
    store.addWarmer(async () => {
      throw new Error('worker lost');
    });
    state.current = snapshot(2, 2);
    expect(await store.reloadIfChanged()).toBe(true);
    // Warmed with the model it replaces, while that one was still the one served.
    expect(warmed).toEqual([{ previous: 1, next: 2, served: 1 }]);
    expect(store.current.version?.id).toBe(2);
    expect(errors).toEqual(['warming the new read model failed; it is served cold']);
  });

  it('keeps serving the previous model when a reload fails', async () => {
    const { source } = fakeSource(snapshot(1, 4));
    const store = await ReadModelStore.open(
      source,
      new LocalModelHost(source, { minCellSize: 5 }),
      { minCellSize: 5 },
      silent,
    );
    source.load = async () => {
      throw new Error('database down');
    };
    await expect(store.reload()).rejects.toThrow('database down');
    expect(store.current.version?.id).toBe(1);
  });

  it('picks up a new data version by polling', async () => {
    const { state, source } = fakeSource(snapshot(1, 4));
    const store = await ReadModelStore.open(
      source,
      new LocalModelHost(source, { minCellSize: 5 }),
      { minCellSize: 5 },
      silent,
    );
    store.startPolling(10);
    state.current = snapshot(3, 1);
    await expect.poll(() => store.current.version?.id, { timeout: 2000 }).toBe(3);
    store.stopPolling();
  });

  it('lets the host forget a replaced model a while after the swap, once nothing asks it anything', async () => {
    const { state, source } = fakeSource(snapshot(1, 4));
    const host = new LocalModelHost(source, { minCellSize: 5 });
    const release = vi.spyOn(host, 'release');
    const store = await ReadModelStore.open(source, host, { minCellSize: 5 }, silent);
    const first = store.current;
    vi.useFakeTimers();
    try {
      state.current = snapshot(2, 4);
      await store.reload();
      await vi.advanceTimersByTimeAsync(RETIRE_AFTER_MS - 1_000);
      expect(release).not.toHaveBeenCalled();
      // A request that began on the old model still gets its answer within the grace time.
      expect(await first.offerViews({ from: '2025-01-01', to: '2025-06-30' })).toHaveLength(4);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(release).toHaveBeenCalledWith(first.generation);
      expect(release).toHaveBeenCalledTimes(1);
      await expect(first.offerViews({ from: '2024-01-01', to: '2024-06-30' })).rejects.toThrow(
        /no longer held/,
      );
      expect(await store.current.offerViews({ from: '2024-01-01', to: '2024-06-30' })).toHaveLength(4);
    } finally {
      vi.useRealTimers();
      await store.close();
    }
  });

  it('rebuilds from the primary after its own write, and never goes back to a lagging replica', async () => {
    // The replica still has version 1 while the primary already has version 2.
    const replica = fakeSource(snapshot(1, 4));
    const primary = fakeSource(snapshot(2, 2));
    const source: SnapshotSource = { ...replica.source, loadLatest: primary.source.load };
    const store = await openStore(source);
    expect(store.current.version?.id).toBe(1);

    await store.reload();
    expect(store.current.version?.id).toBe(2);
    expect(primary.state.loads).toBe(1);

    // Polling the replica that has not replayed version 2 yet changes nothing.
    expect(await store.reloadIfChanged()).toBe(false);
    expect(store.current.version?.id).toBe(2);

    // A replica load that comes back older than the model served is not swapped in.
    replica.state.current = snapshot(3, 4);
    source.load = async () => snapshot(1, 4);
    expect(await store.reloadIfChanged()).toBe(true);
    expect(store.current.version?.id).toBe(2);
    expect(await store.current.offerViews(undefined)).toHaveLength(2);
  });

  it('waits for a poll under way before rebuilding after its own write', async () => {
    const { state, source } = fakeSource(snapshot(1, 4));
    const store = await openStore(source);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // A poll that read the replica before the write committed...
    let loadsStarted = 0;
    source.load = async () => {
      loadsStarted++;
      await gate;
      return snapshot(2, 4);
    };
    state.current = snapshot(2, 4);
    const poll = store.reloadIfChanged();
    await expect.poll(() => loadsStarted).toBe(1);
    // ...then the write: its rebuild must come after the poll's, not share it.
    source.loadLatest = async () => snapshot(2, 1);
    const reload = store.reload();
    release();
    await Promise.all([poll, reload]);
    expect(await store.current.offerViews(undefined)).toHaveLength(1);
  });

  it('reloads on a catalogue change within one data version, never back to an older catalogue', async () => {
    const { state, source } = fakeSource({ ...snapshot(1, 4), catalogRevision: 7 });
    let revision = 7;
    source.currentCatalogRevision = async () => revision;
    const store = await openStore(source);
    expect(await store.reloadIfChanged()).toBe(false);

    state.current = { ...snapshot(1, 3), catalogRevision: 8 };
    revision = 8;
    expect(await store.reloadIfChanged()).toBe(true);
    expect(await store.current.offerViews(undefined)).toHaveLength(3);

    // A replica still at revision 7 (this process wrote revision 9 on the primary) is ignored.
    source.loadLatest = async () => ({ ...snapshot(1, 2), catalogRevision: 9 });
    await store.reload();
    expect(await store.current.offerViews(undefined)).toHaveLength(2);
    revision = 7;
    expect(await store.reloadIfChanged()).toBe(false);
    state.current = { ...snapshot(1, 4), catalogRevision: 7 };
    revision = 10;
    // The replica says 10 but a load still sees 7: not swapped in.
    expect(await store.reloadIfChanged()).toBe(true);
    expect(await store.current.offerViews(undefined)).toHaveLength(2);
  });
});
