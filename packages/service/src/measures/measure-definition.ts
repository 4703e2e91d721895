/**
 * Measures a municipality defines itself (measures.md §3), checked the same way wherever they
 * come from: the admin API, `evg measures set`, and `evg effects --measures FILE`.
 */
import {
  DEFAULT_MEASURES,
  EFFECT_FIGURE_FIELDS,
  EffectsError,
  validateMeasures,
  type MeasureDefinition,
} from '@evg/effects';

/** A measure as stored and exchanged: the engine's definition plus an English label. */
export interface DefinedMeasure extends MeasureDefinition {
  /** English label, e.g. "12-month effect". */
  labelEn: string;
}

/** English labels of the four defaults (their Danish labels are the engine's). */
const DEFAULT_LABELS_EN: Record<string, string> = {
  effect3m: '3-month effect',
  effect7m: '7-month effect',
  status1m: '1-month status',
  status3m: '3-month status',
};

/** The four defaults as defined measures; they cannot be changed or deleted. */
export const DEFAULT_DEFINED_MEASURES: readonly DefinedMeasure[] = DEFAULT_MEASURES.map((m) => ({
  ...m,
  labelEn: DEFAULT_LABELS_EN[m.key] ?? m.key,
}));

/**
 * The English label of a measure as a data version stores it: its own `labelEn` (every version
 * refreshed since measures became data), else the default's, else the Danish label.
 */
export function englishLabelOf(measure: MeasureDefinition): string {
  const own = 'labelEn' in measure ? measure.labelEn : undefined;
  return typeof own === 'string' && own !== '' ? own : (DEFAULT_LABELS_EN[measure.key] ?? measure.label);
}

export const isDefaultMeasure = (key: string): boolean => DEFAULT_MEASURES.some((m) => m.key === key);

/** No window longer than five years: the data never reach that far, and it is a typo. */
export const MAX_MONTH = 60;
const MAX_KEY = 40;
const MAX_LABEL = 80;
const RESERVED = new Set<string>([...EFFECT_FIGURE_FIELDS, 'period', 'groupBy', 'exact', 'format']);

/** One thing wrong with one field of one measure. */
export interface MeasureProblem {
  /** The field, e.g. `toMonth`; with `index`, the entry of a list it belongs to. */
  field: string;
  index?: number;
  message: string;
}

/** Bad measure definitions, every problem found (field by field). */
export class MeasureDefinitionError extends Error {
  constructor(readonly problems: readonly MeasureProblem[]) {
    super(problems.map(describeProblem).join('; '));
    this.name = 'MeasureDefinitionError';
  }
}

export function describeProblem(problem: MeasureProblem): string {
  const where = problem.index === undefined ? problem.field : `entry ${problem.index + 1}: ${problem.field}`;
  return `${where}: ${problem.message}`;
}

const isWhole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
const isLabel = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_LABEL;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isAnchor = (value: unknown): value is DefinedMeasure['anchor'] => value === 'start' || value === 'end';
const FIELDS = ['key', 'label', 'labelEn', 'anchor', 'fromMonth', 'toMonth', 'minSelfSufficientMonths'];

/** One raw definition (an object from JSON) checked field by field: the measure, or every problem. */
function check(
  raw: unknown,
  index: number | undefined,
): { measure?: DefinedMeasure; problems: MeasureProblem[] } {
  const problems: MeasureProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ field, message, ...(index === undefined ? {} : { index }) });
  if (!isRecord(raw)) {
    add('(entry)', 'must be an object');
    return { problems };
  }
  for (const field of Object.keys(raw)) if (!FIELDS.includes(field)) add(field, 'unknown field');
  const { key, label, labelEn, anchor, fromMonth: from, toMonth: to, minSelfSufficientMonths: min } = raw;
  if (typeof key !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(key) || key.length > MAX_KEY) {
    add('key', `must be letters and digits starting with a letter, at most ${MAX_KEY} characters`);
  } else if (isDefaultMeasure(key)) {
    add('key', `'${key}' is a built-in measure and cannot be redefined`);
  } else if (RESERVED.has(key)) {
    add('key', `'${key}' is a built-in field of the effect table`);
  }
  if (!isLabel(label)) add('label', `Danish label required, 1–${MAX_LABEL} characters`);
  if (!isLabel(labelEn)) add('labelEn', `English label required, 1–${MAX_LABEL} characters`);
  if (!isAnchor(anchor)) add('anchor', "must be 'start' or 'end'");
  if (!isWhole(from) || from < 0 || from >= MAX_MONTH)
    add('fromMonth', `must be a whole number from 0 to ${MAX_MONTH - 1}`);
  if (!isWhole(to) || to > MAX_MONTH || (isWhole(from) && to <= from))
    add('toMonth', `must be a whole number greater than fromMonth and at most ${MAX_MONTH} (exclusive end)`);
  const months = isWhole(from) && isWhole(to) && to > from ? to - from : undefined;
  if (!isWhole(min) || min < 1 || min > (months ?? MAX_MONTH)) {
    add(
      'minSelfSufficientMonths',
      months === undefined ? 'must be a whole number ≥ 1' : `must be a whole number from 1 to ${months}`,
    );
  }
  // The same conditions once more, for the compiler: with no problem every field is narrowed.
  if (
    problems.length > 0 ||
    typeof key !== 'string' ||
    !isLabel(label) ||
    !isLabel(labelEn) ||
    !isAnchor(anchor) ||
    !isWhole(from) ||
    !isWhole(to) ||
    !isWhole(min)
  )
    return { problems };
  const measure = {
    key,
    label: label.trim(),
    labelEn: labelEn.trim(),
    anchor,
    fromMonth: from,
    toMonth: to,
    minSelfSufficientMonths: min,
  };
  return { measure, problems };
}

/**
 * Checks one raw definition and returns it; throws MeasureDefinitionError naming each field.
 * @example parseMeasure({ key: 'effect12m', label: '12 mdr. effekt', labelEn: '12-month effect',
 *   anchor: 'start', fromMonth: 0, toMonth: 12, minSelfSufficientMonths: 6 })
 */
export function parseMeasure(raw: unknown): DefinedMeasure {
  const { measure, problems } = check(raw, undefined);
  if (!measure) throw new MeasureDefinitionError(problems);
  return measure;
}

/**
 * Checks a list of raw definitions (a `--measures` file): each entry as `parseMeasure`, and no
 * key twice. Returns the custom measures only (the defaults are always added by the caller).
 */
export function parseMeasureList(raw: unknown): DefinedMeasure[] {
  if (!Array.isArray(raw))
    throw new MeasureDefinitionError([{ field: '(file)', message: 'must be a JSON array of measures' }]);
  const checked = raw.map((entry: unknown, index) => check(entry, index));
  const problems = checked.flatMap((entry) => entry.problems);
  const seen = new Map<string, number>();
  raw.forEach((entry: unknown, index) => {
    const key = isRecord(entry) ? entry.key : undefined;
    if (typeof key !== 'string') return;
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({ index, field: 'key', message: `'${key}' is also the key of entry ${first + 1}` });
    else seen.set(key, index);
  });
  const measures = checked.flatMap((entry) => (entry.measure ? [entry.measure] : []));
  if (problems.length > 0 || measures.length !== raw.length) throw new MeasureDefinitionError(problems);
  return measures;
}

/**
 * The defaults followed by the custom measures, as the engine takes them, checked once more by
 * the engine's own `validateMeasures` (the one rule set the computation relies on).
 */
export function engineMeasures(custom: readonly DefinedMeasure[]): DefinedMeasure[] {
  const all = [...DEFAULT_DEFINED_MEASURES, ...custom];
  try {
    validateMeasures(all);
  } catch (error) {
    if (error instanceof EffectsError)
      throw new MeasureDefinitionError([{ field: 'measures', message: error.message }]);
    throw error;
  }
  return all;
}
