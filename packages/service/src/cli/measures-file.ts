import { readFile } from 'node:fs/promises';
import { errorCode, errorMessage } from '../error-fields.ts';
import { CliError } from './cli-io.ts';
import {
  describeProblem,
  engineMeasures,
  MeasureDefinitionError,
  parseMeasureList,
  type DefinedMeasure,
} from '../measures/measure-definition.ts';

/**
 * The measures of a `--measures FILE` (a JSON array of `{ key, label, labelEn, anchor,
 * fromMonth, toMonth, minSelfSufficientMonths }`), after the four defaults; every problem is
 * reported with the file, the entry (1-based) and the field.
 * @example await measuresFromFile('effect12m.json') // [...DEFAULT_MEASURES, { key: 'effect12m', ... }]
 */
export async function measuresFromFile(path: string): Promise<DefinedMeasure[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`--measures ${path}: cannot read the file (${errorCode(error) ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--measures ${path}: not valid JSON (${String(errorMessage(error))})`);
  }
  try {
    return engineMeasures(parseMeasureList(raw));
  } catch (error) {
    if (!(error instanceof MeasureDefinitionError)) throw error;
    throw new CliError(
      `--measures ${path}: invalid measures:\n${error.problems.map((p) => `  ${describeProblem(p)}`).join('\n')}`,
    );
  }
}
