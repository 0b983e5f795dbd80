import { LaunchError } from './errors.js';

/** How the launcher treats an AWS error, decided by its `name` (the EC2 error code), never its message. */
export type AwsErrorKind =
  /** Retry ourselves: eventual consistency right after RunInstances. */
  | 'not-found'
  /** Retry ourselves for a while; if it persists the run is an infrastructure failure. */
  | 'capacity'
  /** Already retried by the SDK; reaching us means it persisted: infrastructure. */
  | 'throttled'
  /** The SDK's own retries ran out on a 5xx or network error: infrastructure. */
  | 'server'
  /** Permission, bad AMI, bad parameters: do not retry. */
  | 'terminal'
  | 'credentials'
  | 'unknown';

const TERMINAL_EXACT = new Set([
  'UnauthorizedOperation',
  'AuthFailure',
  'Unsupported',
  'UnsupportedOperation',
  'IdempotentParameterMismatch',
  'MissingParameter',
  'InvalidKeyPair.NotFound',
  'InvalidKeyPair.Duplicate',
  'InvalidSubnetID.NotFound',
  'InvalidGroup.NotFound',
  'VcpuLimitExceeded',
  'InstanceLimitExceeded',
]);
const TERMINAL_PREFIX = ['InvalidAMIID.', 'InvalidParameter', 'InvalidInstanceType'];
const CAPACITY = new Set(['InsufficientInstanceCapacity', 'InsufficientHostCapacity', 'InsufficientCapacity']);
const THROTTLED = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException']);
const CREDENTIALS = new Set(['CredentialsProviderError', 'ProviderError', 'TokenProviderError', 'AuthMissing']);
/** Quota and permission errors are the account's problem, not the image's. */
const INFRA_TERMINAL = new Set(['UnauthorizedOperation', 'AuthFailure', 'VcpuLimitExceeded', 'InstanceLimitExceeded']);

interface AwsLike {
  name?: unknown;
  $fault?: unknown;
  $metadata?: { requestId?: unknown; httpStatusCode?: unknown };
}

function awsErrorName(err: unknown): string {
  const name = (err as AwsLike | null)?.name;
  return typeof name === 'string' ? name : 'Error';
}

export function classifyAwsError(err: unknown): AwsErrorKind {
  const name = awsErrorName(err);
  if (name === 'InvalidInstanceID.NotFound') return 'not-found';
  if (CAPACITY.has(name)) return 'capacity';
  if (THROTTLED.has(name)) return 'throttled';
  if (CREDENTIALS.has(name)) return 'credentials';
  if (TERMINAL_EXACT.has(name) || TERMINAL_PREFIX.some((p) => name.startsWith(p))) return 'terminal';
  const a = err as AwsLike | null;
  if (a?.$fault === 'server') return 'server';
  // Connection refused/reset after the SDK's own retries: the endpoint, not the image.
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'TimeoutError'].includes(name) || (err as { code?: unknown })?.code === 'ECONNREFUSED') return 'server';
  return 'unknown';
}

function requestIdOf(err: unknown): string | null {
  const id = (err as AwsLike | null)?.$metadata?.requestId;
  return typeof id === 'string' ? id : null;
}

/** Wraps an AWS error so the CLI prints one line with the code, the request id and the action. */
export function toLaunchError(err: unknown, action: string): LaunchError {
  if (err instanceof LaunchError) return err;
  const name = awsErrorName(err);
  const kind = classifyAwsError(err);
  const requestId = requestIdOf(err);
  const message = err instanceof Error ? err.message : String(err);
  const infrastructure = kind === 'capacity' || kind === 'throttled' || kind === 'server' || INFRA_TERMINAL.has(name);
  return new LaunchError(
    `${action} failed: ${name}: ${message}${requestId ? ` (request id ${requestId})` : ''}`,
    name,
    requestId,
    action,
    infrastructure,
  );
}

/** The endpoint does not implement the action at all (an EC2 emulator that covers part of the API): not the caller's mistake. */
/**
 * ImportKeyPair refusing the key itself, not the caller: an endpoint that does not take ed25519
 * keys (some EC2 emulators accept RSA only) or does not implement the action.
 */
export function isKeyMaterialRefused(err: unknown): boolean {
  return ['InvalidKeyPair.Format', 'InvalidParameterValue', 'InvalidParameter', 'UnsupportedOperation'].includes(awsErrorName(err)) || isActionNotImplemented(err);
}

export function isActionNotImplemented(err: unknown): boolean {
  const name = awsErrorName(err);
  if (['InvalidAction', 'UnknownOperationException', 'NotImplemented', 'NotImplementedException'].includes(name)) return true;
  return (err as AwsLike | null)?.$metadata?.httpStatusCode === 501;
}
