/** A bad command line: the CLI prints the message and a usage hint, and exits with 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
