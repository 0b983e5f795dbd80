// Prints vitest's JSON results as one plain closing line: "Tests: N passed, N failed[, N skipped]".
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'out/vitest-results.json';
let r;
try {
  r = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.error(`no test results at ${file}: ${err.message}`);
  process.exit(1);
}
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(r.numTotalTests > 0 ? 0 : 1);
