// Preloaded with `node --import` by tests of offline commands: resolving any
// @aws-sdk module fails the process, proving the command never loads the SDK.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@aws-sdk/')) throw new Error('offline command loaded ' + specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
