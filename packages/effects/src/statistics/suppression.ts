/** The disclosure threshold (measures.md §4): cells with exact n below it are suppressed. */
export const DEFAULT_MIN_CELL_SIZE = 5;
