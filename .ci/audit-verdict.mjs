// Reads `npm audit --json` on stdin and decides: exit 1 on any high or critical advisory in
// production dependencies. When the advisory service cannot be reached at all (this workplace's
// registry answers npm's bulk advisory endpoint with 405), nothing was checked: that is said
// loudly, and fails only with EVG_AUDIT_STRICT=1, so an outage elsewhere does not block CI.
let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  let report;
  try {
    report = JSON.parse(input);
  } catch {
    console.error('npm audit: output is not JSON; production dependencies NOT checked');
    process.exit(1);
  }
  const counts = report.metadata?.vulnerabilities;
  if (counts) {
    const high = (counts.high ?? 0) + (counts.critical ?? 0);
    console.log(
      `npm audit (production dependencies): ${counts.total ?? 0} advisories, ` +
        `${counts.high ?? 0} high, ${counts.critical ?? 0} critical`,
    );
    if (high > 0) {
      for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
        if (v.severity === 'high' || v.severity === 'critical')
          console.error(`  ${v.severity}: ${name} ${v.range}`);
      }
    }
    process.exit(high > 0 ? 1 : 0);
  }
  if (report.statusCode !== undefined || report.error !== undefined) {
    console.log(
      `npm audit: WARNING: the advisory service could not be reached (${report.message ?? report.error?.summary}); ` +
        'production dependencies were NOT checked',
    );
    process.exit(process.env.EVG_AUDIT_STRICT === '1' ? 1 : 0);
  }
  console.error('npm audit: unexpected report shape; production dependencies NOT checked');
  process.exit(1);
});
