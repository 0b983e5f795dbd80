import { watchSdkLoadsFromStart } from '../launcher/in-process-cli.js';

// Setup file of the `offline` vitest project: the AWS SDK guard is in place before the first test
// file of a worker process loads, so it sees every SDK load of that process (see in-process-cli.ts).
watchSdkLoadsFromStart();
