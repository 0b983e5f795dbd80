/**
 * Regions the simulator serves. One endpoint serves them all: a client configured for a region
 * signs its requests with that region in the SigV4 credential scope
 * (`Credential=AKID/20261201/eu-west-1/ec2/aws4_request`), so the scope picks the region's
 * tables, as a real regional endpoint would check it.
 */
export const SIM_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'sa-east-1',
];

/** The region of a SigV4 `Authorization` header's credential scope, or null when it has none. */
export function signingRegion(authorization: string | undefined): string | null {
  if (authorization === undefined) return null;
  const m = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/.exec(authorization);
  return m?.[1] ?? null;
}
