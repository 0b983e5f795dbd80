import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEc2, sdkEc2 } from '../../src/launcher/ec2.js';
import { ConfigError } from '../../src/errors.js';

/** Environment variables these tests change, restored after each. */
const KEYS = ['AWS_EC2_METADATA_DISABLED', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE'] as const;
let saved: Record<string, string | undefined>;

beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  // No shared credentials or config file may answer for the test.
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = '/nonexistent/credentials';
  process.env['AWS_CONFIG_FILE'] = '/nonexistent/config';
});
afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('createEc2 against a loopback endpoint', () => {
  it('turns off the instance-metadata credential lookup, so missing credentials fail at once with one line', async () => {
    const err = await createEc2({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^no AWS credentials found/);
    expect(process.env['AWS_EC2_METADATA_DISABLED']).toBe('true');
  });

  it('leaves the default chain alone for a real endpoint', async () => {
    const { client } = await createEc2({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    client.destroy();
    expect(process.env['AWS_EC2_METADATA_DISABLED']).toBeUndefined();
  });
});

describe('sdkEc2 paging', () => {
  it('stops with an error when DescribeInstances gives the same NextToken again, instead of paging forever', async () => {
    let calls = 0;
    const client = { send: async () => (calls++, { Reservations: [], NextToken: calls > 2 ? 'page-2' : `page-${calls}` }) };
    await expect(sdkEc2(client as never).findTaggedInstances!('bootgate:run-id')).rejects.toThrow(/NextToken "page-2" a second time/);
    expect(calls).toBe(3);
  });
});
