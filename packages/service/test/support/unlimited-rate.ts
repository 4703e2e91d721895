/** Rate limits out of the way, for tests that send many requests on purpose. */
export const UNLIMITED_RATE_ENV = {
  EVG_RATE_LIMIT: '1000000',
  EVG_RATE_LIMIT_CASEWORKER: '1000000',
  EVG_RATE_LIMIT_BI: '1000000',
  EVG_RATE_LIMIT_INGEST: '1000000',
  EVG_RATE_LIMIT_ANALYST: '1000000',
  EVG_RATE_LIMIT_ADMIN: '1000000',
};
