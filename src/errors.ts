/**
 * Typed errors. A known error is printed as one line by the CLI (exit 2);
 * anything else gets a short block with the version.
 */
export class BootgateError extends Error {
  override readonly name: string = 'BootgateError';
}

/** Bad flags, a malformed policy or allow file, missing region or credentials. */
export class ConfigError extends BootgateError {
  override readonly name: string = 'ConfigError';
}

/** An input that cannot be read (missing file, unreadable stdin). */
export class InputError extends BootgateError {
  override readonly name: string = 'InputError';
}
