// Whole-process timings for the benches' cold-start figures.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Runs `node <args>` `rounds` times, each a fresh process. Every round first times
 * `node -e ''`: on a slow day Node's own start is most of the figure, and timing it
 * in the same rounds lets a reader tell. Returns both lists of times (ms) and each
 * run's spawnSync result, for the caller to check. `node`: another Node binary.
 */
export function coldRounds(args, rounds, node = process.execPath, env = process.env) {
  const times = [];
  const bare = [];
  const results = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    spawnSync(node, ['-e', ''], { encoding: 'utf8', env });
    bare.push(performance.now() - t);
    t = performance.now();
    results.push(spawnSync(node, args, { encoding: 'utf8', env }));
    times.push(performance.now() - t);
  }
  return { times, bare, results };
}
