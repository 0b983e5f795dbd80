import type { BootModel } from '../model/boot-model.js';
import type { NormalLine } from '../input/types.js';
import { parseBootLog } from '../parser/index.js';
import { normalizeConsole } from '../input/normalize.js';
import { applyGate, type GatedCheck } from '../gate/apply-gate.js';
import { gateActive, type GateConfig } from '../gate/gate-config.js';
import type { LaunchOutcome, OutcomeCell } from './outcome.js';
import type { LaunchReport } from '../verdict/launch-report.js';

/** A launch outcome after the gate: what every format, the report dir and the exit code read. */
export type JudgedOutcome = OutcomeCell & (
  | {
      /** Verdict = the gate's; redacted under --redact. */
      readonly report: LaunchReport;
      readonly error?: undefined;
      readonly gated: GatedCheck | null;
      readonly model: BootModel;
      /** The console as the html report shows it, redacted with the report's tokens. */
      readonly consoleLines: readonly NormalLine[];
      /** What the gate did not do, and why. */
      readonly notes: readonly string[];
    }
  | { readonly report?: undefined; readonly error: Error }
);

/**
 * Runs the `check` gate (baseline, known issues, redaction) on each instance's final console.
 * An inconclusive run is not diffed against the baseline: the boot was cut short (deadline,
 * interrupt, no capacity), so everything it had not reached yet would read as lost, and a
 * gate must not call an image bad because AWS was slow.
 */
export function judgeOutcomes(config: GateConfig, outcomes: readonly LaunchOutcome[]): JudgedOutcome[] {
  return outcomes.map((o): JudgedOutcome => {
    if (!o.report) {
      if (config.redactor) o.error.message = config.redactor.text(o.error.message);
      return o;
    }
    const report = o.report;
    // The watch built this console's model already; parse only what came without one.
    const model = o.model ?? parseBootLog(report.console).model;
    const consoleLines = normalizeConsole(report.console).lines;
    const notes: string[] = [];
    let cfg = config;
    if (config.baseline !== null && report.verdict === 'inconclusive') {
      notes.push(`baseline ${config.baseline.name}: not compared, the run ended inconclusive before the boot could be judged whole`);
      cfg = { ...config, baseline: null };
    }
    const cell: OutcomeCell = { instanceType: o.instanceType, region: o.region, amiId: o.amiId };
    if (!gateActive(cfg)) return { ...cell, report, gated: null, model, consoleLines, notes };
    const gated = applyGate(cfg, report, model, consoleLines);
    return {
      ...cell,
      // applyGate keeps every field of the report it is given (the verdict replaced, strings redacted).
      report: gated.report as LaunchReport,
      gated,
      model: gated.model,
      consoleLines: gated.consoleLines ?? consoleLines,
      notes,
    };
  });
}
