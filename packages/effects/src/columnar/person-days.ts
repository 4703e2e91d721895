/**
 * One person's records as numbers, the engine's own input: day numbers instead of ISO strings,
 * public support already resolved, record keys already computed. The columnar reader fills one
 * of these per person straight from typed columns (no object per row); `addPerson` fills one
 * from `PersonRecords`. The arrays are reused from person to person; only the first `…Count`
 * entries are meaningful.
 */
export interface PersonDays {
  /** Birth day, or NaN when the person row (or the persons file) is missing. */
  birth: number;
  /** Public-support periods only, in any order: first and last day (Infinity = still running). */
  periodCount: number;
  periodStarts: number[];
  periodEnds: number[];
  enrollmentCount: number;
  offerIds: string[];
  targetGroups: string[];
  enrollmentStarts: number[];
  /** Inclusive last day, NaN = still in the offer. */
  enrollmentEnds: number[];
  companyOriented: boolean[];
  /** Record keys of the enrollments (0 without a disclosure secret). */
  enrollmentKeys: number[];
  responseCount: number;
  /** Index (among this person's enrollments) of the enrollment each answer belongs to. */
  responseEnrollments: number[];
  responseDays: number[];
  /** Scores 1–5, NaN when not answered. */
  satisfaction: number[];
  closerToJob: number[];
  responseKeys: number[];
}

/**
 * An empty, reusable PersonDays.
 * @example
 * const days = emptyPersonDays();
 * days.birth = parseDay('1990-04-01');
 */
export function emptyPersonDays(): PersonDays {
  return {
    birth: NaN,
    periodCount: 0,
    periodStarts: [],
    periodEnds: [],
    enrollmentCount: 0,
    offerIds: [],
    targetGroups: [],
    enrollmentStarts: [],
    enrollmentEnds: [],
    companyOriented: [],
    enrollmentKeys: [],
    responseCount: 0,
    responseEnrollments: [],
    responseDays: [],
    satisfaction: [],
    closerToJob: [],
    responseKeys: [],
  };
}
