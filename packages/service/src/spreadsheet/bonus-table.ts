import type { BonusStatement, BonusStatementLine } from '@evg/effects';
import { roundFor, type ColumnKind, type Table, type TableColumn } from './table.ts';

/** The columns of the bonus statement, one row per offer with a result bonus. */
const BONUS_COLUMNS: [key: keyof BonusStatementLine, heading: string, kind: ColumnKind][] = [
  ['providerId', 'Leverandør-id', 'text'],
  ['providerName', 'Leverandør', 'text'],
  ['offerId', 'Tilbud-id', 'text'],
  ['offerName', 'Tilbud', 'text'],
  ['measureKey', 'Udløsende mål (nøgle)', 'text'],
  ['measureLabel', 'Udløsende mål', 'text'],
  ['priceDkk', 'Pris for hele forløbet (kr.)', 'dkk'],
  ['bonusPerOutcomeDkk', 'Resultatbonus pr. selvforsørget borger (kr.)', 'dkk'],
  ['eligible', 'Opgjorte forløb', 'integer'],
  ['successful', 'Selvforsørgede (bonusudløsende)', 'integer'],
  ['pending', 'Afventer (vindue ikke afsluttet)', 'integer'],
  ['bonusPayableDkk', 'Bonus til udbetaling (kr.)', 'dkk'],
  ['pricePlusBonusPerOutcomeDkk', 'Pris inkl. resultatbonus pr. selvforsørget borger (kr.)', 'dkk'],
];

/**
 * The statement as a table for the one CSV writer: exact counts, kroner rounded to whole.
 * @example tableCsvStream(bonusTable(statement), 'excel-da')
 */
export function bonusTable(statement: BonusStatement): Table {
  const columns: TableColumn[] = BONUS_COLUMNS.map(([key, heading, kind]) => ({ key, heading, kind }));
  return {
    columns,
    rows: statement.lines.map((line) => BONUS_COLUMNS.map(([key, , kind]) => roundFor(kind, line[key]))),
  };
}
