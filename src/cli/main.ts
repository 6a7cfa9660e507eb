import { runCli } from './run.js';

/**
 * The reader of our output went away (`iamlint … | head`): the rest of the report has nowhere to go.
 * The run finishes and exits with its own status; without this, Node ends it with a stack trace.
 */
let readerGone = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  readerGone = true;
});

/** Read by the bin entry (bin.ts) at exit: whether the compile cache it writes holds a scan's code. */
export const progress = { scanned: false };

// The program the bin entry (bin.ts) loads; no top-level await, so that it builds as CommonJS.
void runCli(process.argv.slice(2), {
  stdout: { write: (text: string) => readerGone || process.stdout.write(text) },
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  onScanned: () => {
    progress.scanned = true;
  },
}).then((code) => {
  process.exitCode = code;
});
