/**
 * Advisory-lock keys shared by the data layer. A refresh holds REFRESH_LOCK exclusively while
 * it reads the records; an import holds it shared for its transaction. So a refresh never
 * reads half of one import and half of the next, and imports still run beside each other.
 */
export const REFRESH_LOCK = 0x45564752_45465348n; // "EVGREFSH"
