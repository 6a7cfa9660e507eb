import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type * as JsoncParser from 'jsonc-parser';
import type * as Yaml from 'yaml';

/**
 * Large CommonJS packages that only some runs need (ajv for config files, rule options and the policy
 * grammar; the config parsers): loaded on first use, so a one-file run starts fast.
 */
const require = createRequire(import.meta.url);

export const ajvClass = (): typeof AjvModule.Ajv => (require('ajv') as typeof AjvModule).Ajv;
export const jsoncParser = (): typeof JsoncParser => require('jsonc-parser') as typeof JsoncParser;
export const yamlParser = (): typeof Yaml => require('yaml') as typeof Yaml;
