import type { BootModel } from '../model/boot-model.js';

/**
 * The `tree --json` / library JSON contract: the model itself (schemaVersion 1).
 * `file` is added first when the caller names the input.
 */
export function modelToJson(model: BootModel, file?: string): string {
  return JSON.stringify(file === undefined ? model : { file, ...model });
}
