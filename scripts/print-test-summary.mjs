// Prints vitest's JSON results as one plain closing line: "Tests: N passed, N failed[, N skipped]".
// Several result files (one per Node version in .ci/run) are summed into that one line, each
// preceded by a line of its own. Exits 1 when a file is missing or holds no tests.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['out/vitest-results.json'];
const total = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const file of files) {
  let r;
  try {
    r = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.error(`no test results at ${file}: ${err.message}`);
    ok = false;
    continue;
  }
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file that failed to load counts no test but fails the run.
  const failed = r.numFailedTests + (r.testResults ?? []).filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  total.passed += r.numPassedTests;
  total.failed += failed;
  total.skipped += skipped;
  if (r.numTotalTests === 0) ok = false;
  if (files.length > 1) console.log(`${basename(file, '.json')}: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
console.log(`Tests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
