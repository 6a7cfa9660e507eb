import * as vitest from 'vitest';
import { RuleTester } from '@typescript-eslint/rule-tester';

// typescript-eslint's RuleTester needs the test framework's hooks before the first instance.
RuleTester.afterAll = vitest.afterAll;
RuleTester.it = vitest.it;
RuleTester.itOnly = vitest.it.only;
RuleTester.describe = vitest.describe;
