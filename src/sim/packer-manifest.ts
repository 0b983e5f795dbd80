/**
 * A Packer manifest (the manifest post-processor's JSON) as an amazon-ebs build copied to
 * `regions` would leave it: an earlier run's build, then the last run's, whose `artifact_id`
 * lists one `region:ami-id` per region. The simulator serves every scenario AMI in every
 * region, so the same id stands in for each regional copy.
 */
export function simPackerManifest(amiId: string, regions: readonly string[], now = Date.now()): object {
  const seconds = Math.floor(now / 1000);
  const build = (runUuid: string, at: number, ids: readonly string[]) => ({
    name: 'openbsd',
    builder_type: 'amazon-ebs',
    build_time: at,
    files: null,
    artifact_id: ids.map((r) => `${r}:${amiId}`).join(','),
    packer_run_uuid: runUuid,
    custom_data: { source: 'bootgate sim' },
  });
  return {
    builds: [build('0d9e6b6e-0000-4000-8000-000000000001', seconds - 86_400, regions.slice(0, 1)), build('0d9e6b6e-0000-4000-8000-000000000002', seconds, regions)],
    last_run_uuid: '0d9e6b6e-0000-4000-8000-000000000002',
  };
}
