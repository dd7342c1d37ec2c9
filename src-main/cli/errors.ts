// CLI-only errors and exit codes: 0 success, 1 the operation failed, 2 the command was used wrongly,
// 3 a check found a problem (a broken custody chain, a damaged database).
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_CHECK_FAILED = 3;

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
