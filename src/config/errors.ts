/** A problem with a config file (or a file it names): the CLI prints it and exits with 2. */
export class ConfigError extends Error {
  constructor(
    /** Display path of the file. */
    readonly file: string,
    /** What is wrong, naming the key (`/rules/wildcard-action: …`). */
    readonly problem: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ${problem}`);
    this.name = 'ConfigError';
  }
}
