import type { InputFormat, Json, SourceDocument } from '../../src/model/source.js';

/** A document built from plain data, for adapter tests that do not need positions: every path locates at line 1. */
export function fakeDoc(root: Json, file = 'template.yaml', format: InputFormat = 'cloudformation-yaml'): SourceDocument {
  return {
    file,
    format,
    root,
    locate: () => ({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }),
  };
}
