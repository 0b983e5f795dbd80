import type { Command } from 'commander';

/** The regression-gate flags shared by `check` and `launch`; src/gate/gate-config.ts reads them. */
export function addGateOptions(cmd: Command): Command {
  return cmd
    .option('--baseline <key|file>', 'diff the judged boot against a saved baseline (a key in --baseline-dir, a .json file, or "latest": the newest of the same architecture and release); a regression fails the gate')
    .option('--baseline-dir <dir>', 'where baseline keys are looked up', './baselines')
    .option('--allow <file>', 'JSON file of expected changes against the baseline (see docs/allow.example.json)')
    .option('--known-issues <file>', 'JSON registry of known failure signatures; matches are printed as "known: <link>"')
    .option('--known-issues-pass', 'a failure whose every cause is a known issue passes the gate (exit 0)')
    .option('--redact', 'replace MACs, IPs, host names, fingerprints, DUIDs, serials and AWS ids by salted tokens (stable within the run)');
}
