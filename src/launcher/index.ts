/** The launcher's front door; CLI commands import this lazily (it pulls in the AWS SDK). */
export { createEc2, clientOptionsFromFlags, sdkEc2, type Ec2Api, type Ec2ClientOptions } from './ec2.js';
export { runLaunch, newRunId, newClientToken, type LaunchOptions, type LaunchDeps, type ProgressEvent } from './run-launch.js';
export { runMatrix } from './run-matrix.js';
export { parseDuration } from './duration.js';
export { formatDuration } from '../report/text-util.js';
export { isLoopbackEndpoint } from './loopback.js';
export { isLoopbackIPv4 } from '../net/loopback.js';
export { analyseConsole, analyseWith, type Analyse } from './analyse.js';
export { systemClock, type Clock } from './clock.js';
export { renderOutcomes } from './render-outcomes.js';
export { judgeOutcomes } from './judge-outcomes.js';
export { exitCodeOf, type LaunchOutcome } from './outcome.js';
export { writeReportDir } from './report-dir.js';
export { sweep, type SweepItem } from './sweep.js';
export { InterruptedError, LaunchError, PreflightError, UnsafeAddressError, WaitTimeoutError } from './errors.js';
export { instanceHandle, asyncDispose, type InstanceHandle } from './instance-handle.js';
export type { LaunchReport, TimelineEntry } from '../verdict/launch-report.js';
