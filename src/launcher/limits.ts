/**
 * Launches at once when `--max-concurrent` is not given: well inside a new account's vCPU and
 * RunInstances limits. A module of its own so the CLI can show it in `--help` without loading
 * the launcher.
 */
export const DEFAULT_MAX_CONCURRENT = 4;
