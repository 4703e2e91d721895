import pg from 'pg';

// OIDs of the PostgreSQL types whose default pg parsing does not fit the EVG's records.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/**
 * Per-pool type parsers (never the global pg.types, which other code shares): dates stay ISO
 * strings, because a JS Date would drag a time zone into calendar dates; bigint and numeric
 * become numbers, since every count and price in the EVG fits a double.
 */
export const evgTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === DATE) return (value) => value;
    if (oid === INT8 || oid === NUMERIC) return (value) => Number(value);
    // pg-types returns its parsers untyped (any); for text they take the value's string.
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};
