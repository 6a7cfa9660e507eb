/**
 * The parse floor: read every file iamlint would read and parse it with the same parsers (JSON.parse,
 * the CloudFormation-tagged YAML parser), nothing else. iamlint's time over this is its own overhead.
 */
import { parseAll } from './floor-parse.js';

process.stdout.write(`${parseAll(process.argv.slice(2))} files parsed\n`);
