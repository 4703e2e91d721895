/** The disclosure secret of the test installations: published figures are reproducible. */
export const TEST_DISCLOSURE_KEY = 'evg-service-test-disclosure-key';
