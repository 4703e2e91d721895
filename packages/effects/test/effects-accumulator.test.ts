import { describe, expect, it } from 'vitest';
import { computeEffects, EffectsAccumulator, type EffectsError } from '../src/index.ts';
import { config, copies, enrollment, period, person, response } from './support/builders.ts';

describe('EffectsAccumulator', () => {
  it('gives no cells for empty data', () => {
    expect(computeEffects(config(), [])).toEqual([]);
    expect(new EffectsAccumulator(config()).fineCells()).toEqual([]);
  });

  it('ignores enrollments starting after asOf, and their survey answers', () => {
    const later = enrollment('2026-11-01', null);
    const cells = computeEffects(config(), [
      person([later], [], { surveyResponses: [response(later.enrollmentId, '2026-10-15', 5, 5)] }),
    ]);
    expect(cells).toEqual([]);
    // asOf itself still counts.
    const [cell] = computeEffects(config({ minCellSize: 1 }), [person([enrollment('2026-10-31', null)])]);
    expect(cell?.started).toBe(1);
    expect(cell?.outcomes.effect7m?.pending).toBe(1);
  });

  it('computes one person with minCellSize 1', () => {
    const [cell] = computeEffects(config({ minCellSize: 1 }), [
      person([enrollment('2024-01-15', '2024-03-31')], [period('2023-06-01', '2024-04-10')]),
    ]);
    expect(cell?.outcomes.effect3m).toMatchObject({ n: 1, x: 0, rate: 0, pending: 0, suppressed: false });
    expect(cell?.outcomes.effect7m).toMatchObject({ n: 1, x: 1, rate: 1 });
    expect(cell?.unemploymentDuration.median).toBe(228); // 2023-06-01 … 2024-01-14
    expect(cell?.started).toBe(1);
    expect(cell?.completed).toBe(1);
  });

  it('a person without a person record counts everywhere except the age share', () => {
    const [cell] = computeEffects(
      config(),
      copies(5, () => person([enrollment('2024-01-15', '2024-03-31')], [], { birthDate: null })),
    );
    expect(cell?.started).toBe(5);
    expect(cell?.outcomes.effect3m?.n).toBe(5);
    expect(cell?.ageUnder30Share).toMatchObject({ n: null, suppressed: true });
  });

  it('an ongoing enrollment is neither eligible nor pending for end-anchored measures', () => {
    const [cell] = computeEffects(
      config(),
      copies(5, () => person([enrollment('2024-01-15', null)])),
    );
    expect(cell?.outcomes.effect3m).toMatchObject({ n: null, pending: 0, suppressed: true });
    expect(cell?.outcomes.effect7m).toMatchObject({ n: 5, x: 5 });
  });

  it('counts pending enrollments per measure', () => {
    // Ends 2026-08-31: status1m window Sep (complete), status3m Nov (pending), effect3m Sep–Nov (pending).
    const [cell] = computeEffects(
      config(),
      copies(6, () => person([enrollment('2026-04-01', '2026-08-31')])),
    );
    expect(cell?.outcomes.status1m).toMatchObject({ n: 6, pending: 0 });
    expect(cell?.outcomes.status3m).toMatchObject({ n: null, pending: 6 });
    expect(cell?.outcomes.effect3m).toMatchObject({ n: null, pending: 6 });
    // Start 2026-04-01: effect7m runs to 2026-10-31 = asOf: complete.
    expect(cell?.outcomes.effect7m).toMatchObject({ n: 6, pending: 0 });
  });

  it('the window ending exactly on asOf is complete, one day later it is pending', () => {
    const complete = computeEffects(
      config(),
      copies(5, () => person([enrollment('2026-04-01', null)])),
    );
    expect(complete[0]?.outcomes.effect7m?.n).toBe(5);
    const pending = computeEffects(
      config(),
      copies(5, () => person([enrollment('2026-04-02', null)])),
    );
    expect(pending[0]?.outcomes.effect7m?.pending).toBe(5);
  });

  it('rejects bad records with typed errors that name no person, and counts nothing of that person', () => {
    const accumulator = new EffectsAccumulator(config());
    const good = enrollment('2024-01-15', '2024-03-31', { personId: '0101901234' });
    const unknownOffer = enrollment('2024-01-15', null, { personId: '0101901234', offerId: 'NOPE' });
    const codes: string[] = [];
    const attempts = [
      () => accumulator.addPerson(person([good, unknownOffer])),
      () => accumulator.addPerson(person([good], [period('2024-01-01', null, 'ukendt')])),
      () =>
        accumulator.addPerson(
          person([good], [], { surveyResponses: [response('other', '2024-02-01', 5, 5)] }),
        ),
      () => accumulator.addPerson(person([{ ...good, endDate: '2024-02-30' }])),
      () => accumulator.addPerson(person([{ ...good, endDate: '2024-01-14' }])),
      () => accumulator.addPerson(person([good], [period('2024-01-02', '2024-01-01')])),
    ];
    for (const attempt of attempts) {
      try {
        attempt();
        codes.push('none');
      } catch (error) {
        codes.push((error as EffectsError).code);
        expect((error as Error).message).not.toContain('0101901234');
      }
    }
    expect(codes).toEqual([
      'unknown-offer',
      'unknown-benefit-type',
      'unknown-enrollment',
      'invalid-date',
      'invalid-date',
      'invalid-date',
    ]);
    expect(accumulator.fineCells()).toEqual([]);
  });

  it('keeps fine cells per offer, target group and month of the attribution day', () => {
    const accumulator = new EffectsAccumulator(config());
    accumulator.addPerson(
      person([
        enrollment('2024-01-15', '2024-03-31'),
        enrollment('2024-01-20', null, { offerId: 'O2', targetGroup: 'dagpenge', companyOriented: true }),
      ]),
    );
    const cells = accumulator.fineCells();
    expect(cells.map((c) => [c.offerId, c.targetGroup, c.month])).toEqual([
      ['O1', 'kontanthjaelp', '2024-01'],
      ['O1', 'kontanthjaelp', '2024-03'],
      ['O2', 'dagpenge', '2024-01'],
    ]);
    expect(cells[0]?.started).toBe(1);
    expect(cells[0]?.outcomes.effect7m?.n).toBe(1);
    expect(cells[0]?.outcomes.effect3m?.n).toBe(0);
    expect(cells[1]?.outcomes.effect3m?.n).toBe(1);
    expect(cells[1]?.completed).toBe(1);
    expect(cells[2]?.companyOriented).toBe(1);
    expect(JSON.parse(JSON.stringify(cells))).toEqual(cells);
    // The cells are copies: changing them does not change the accumulator.
    cells[0]!.started = 99;
    cells[0]!.outcomes.effect7m!.strataN[0] = 99;
    expect(accumulator.fineCells()[0]?.started).toBe(1);
    expect(accumulator.fineCells()[0]?.outcomes.effect7m?.strataN[0]).toBe(0);
  });
});
