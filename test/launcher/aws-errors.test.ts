import { describe, expect, it } from 'vitest';
import { classifyAwsError, toLaunchError } from '../../src/launcher/aws-errors.js';

const awsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`message of ${name}`), { name, $metadata: { requestId: 'req-123' }, ...extra });

describe('classifyAwsError', () => {
  it.each([
    ['InvalidInstanceID.NotFound', 'not-found'],
    ['InsufficientInstanceCapacity', 'capacity'],
    ['RequestLimitExceeded', 'throttled'],
    ['UnauthorizedOperation', 'terminal'],
    ['InvalidAMIID.NotFound', 'terminal'],
    ['InvalidAMIID.Malformed', 'terminal'],
    ['InvalidParameterValue', 'terminal'],
    ['InvalidParameterCombination', 'terminal'],
    ['Unsupported', 'terminal'],
    ['IdempotentParameterMismatch', 'terminal'],
    ['CredentialsProviderError', 'credentials'],
  ])('%s is %s', (name, kind) => {
    expect(classifyAwsError(awsError(name))).toBe(kind);
  });

  it('goes by name, not by message', () => {
    expect(classifyAwsError(Object.assign(new Error('InsufficientInstanceCapacity'), { name: 'Weird' }))).toBe('unknown');
  });

  it('a 5xx the SDK gave up on is a server (infrastructure) error', () => {
    expect(classifyAwsError(awsError('InternalError', { $fault: 'server' }))).toBe('server');
  });
});

describe('toLaunchError', () => {
  it('keeps the code, the request id and the action in one line', () => {
    const e = toLaunchError(awsError('InvalidAMIID.NotFound'), 'DescribeImages');
    expect(e.code).toBe('InvalidAMIID.NotFound');
    expect(e.requestId).toBe('req-123');
    expect(e.infrastructure).toBe(false);
    expect(e.message).toBe('DescribeImages failed: InvalidAMIID.NotFound: message of InvalidAMIID.NotFound (request id req-123)');
    expect(e.message).not.toContain('\n');
  });

  it('marks capacity and permissions as infrastructure, not the image', () => {
    expect(toLaunchError(awsError('InsufficientInstanceCapacity'), 'RunInstances').infrastructure).toBe(true);
    expect(toLaunchError(awsError('UnauthorizedOperation'), 'RunInstances').infrastructure).toBe(true);
  });
});
