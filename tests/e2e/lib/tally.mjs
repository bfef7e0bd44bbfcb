// A count of checks for the single-purpose browser tests: a failed check
// prints its name and detail (every check with VERBOSE=1), and the last line
// says how many passed and failed.

let passed = 0;
let failed = 0;

export function check(ok, name, detail = '') {
  if (ok) passed++;
  else failed++;
  if (!ok || process.env.VERBOSE) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

/** Prints the count and exits, non-zero when a check failed. */
export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
