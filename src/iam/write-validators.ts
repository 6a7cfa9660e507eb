import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../docs/generate.js';
import { VALIDATORS_FILE, policyValidatorsSource } from './validators-source.js';

const file = join(projectRoot(), VALIDATORS_FILE);
writeFileSync(file, policyValidatorsSource());
process.stdout.write(`written: ${VALIDATORS_FILE}\n`);
