// Typed errors that cross every door (IPC, headless host, CLI): a stable code the renderer translates,
// a plain-language message an advocate can act on, and the technical cause one click away. Free of zod:
// the renderer's first screen loads this module, and the schema library waits for the screens after it.

export const errorCodes = [
  'vault.absent',
  'vault.exists',
  'vault.locked',
  'vault.wrong-passphrase',
  'vault.wrong-recovery-key',
  'vault.weak-passphrase',
  'vault.header-unreadable',
  'vault.database-unreadable',
  'vault.busy',
  'input.invalid',
  'case.not-found',
  'case.already-closed',
  'case.already-open',
  'artifact.not-found',
  'finding.not-found',
  'rule.not-found',
  'signatures.invalid',
  'signatures.too-large',
  'signatures.untrusted',
  'signatures.bad-signature',
  'acquisition.command-refused',
  'acquisition.too-large',
  'acquisition.file-refused',
  'device.not-found',
  'device.unauthorized',
  'device.offline',
  'device.disconnected',
  'device.protocol',
  'scan.cancelled',
  'scan.too-long',
  'scan.not-found',
  'import.unreadable',
  'backup.not-found',
  'backup.unreadable',
  'backup.password-needed',
  'backup.wrong-password',
  'ios.tools-missing',
  'ios.no-device',
  'ios.not-trusted',
  'ios.backup-failed',
  'ios.backup-not-encrypted',
  'bundle.cancelled',
  'bundle.exists',
  'bundle.unreadable',
  'computer.unsupported',
  'computer.command-failed',
  'containment.not-confirmed',
  'containment.unavailable',
  'containment.wrong-device',
  'containment.not-found',
  'scan.busy',
  'demo.unavailable',
  'host.unauthorized',
  'host.forbidden-origin',
  'host.unknown-operation',
  'host.stopping',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiErrorPayload {
  code: ErrorCode;
  message: string;
  technical?: string;
}

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

/** An error payload as the back end sends it (a known code, a message, maybe a technical cause), or null. */
export function readErrorPayload(value: unknown): ApiErrorPayload | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, message, technical } = value as Record<string, unknown>;
  if (typeof code !== 'string' || !knownCodes.has(code) || typeof message !== 'string') return null;
  if (technical !== undefined && typeof technical !== 'string') return null;
  return technical === undefined ? { code: code as ErrorCode, message } : { code: code as ErrorCode, message, technical };
}

export class SentinelleError extends Error {
  readonly code: ErrorCode;
  /** What went wrong underneath (a library's error text, a file path): for experts and bug reports. */
  readonly technical: string | undefined;

  constructor(code: ErrorCode, message: string, options: { technical?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SentinelleError';
    this.code = code;
    this.technical = options.technical ?? describeCause(options.cause);
  }

  toPayload(): ApiErrorPayload {
    return this.technical === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, technical: this.technical };
  }

  static fromPayload(payload: ApiErrorPayload): SentinelleError {
    return new SentinelleError(payload.code, payload.message, payload.technical === undefined ? {} : { technical: payload.technical });
  }
}

function describeCause(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}

/** Anything caught, as a SentinelleError: an unexpected one becomes `internal` with its text as the technical cause. */
export function asSentinelleError(error: unknown): SentinelleError {
  return error instanceof SentinelleError ? error : new SentinelleError('internal', 'Something unexpected went wrong.', { cause: error });
}

/** Turns anything thrown into an error payload; unexpected errors keep their text as the technical cause. */
export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof SentinelleError) return error.toPayload();
  return new SentinelleError('internal', 'Something unexpected went wrong. Nothing already saved was lost; try again, and report the technical detail if it happens again.', {
    cause: error,
  }).toPayload();
}
