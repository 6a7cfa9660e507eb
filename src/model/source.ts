/** A path from a document's root to one node: object keys and array indexes (a JSON pointer, split). */
export type Path = readonly (string | number)[];

/** 1-based lines and columns; `endColumn` is exclusive; columns count UTF-16 code units (SARIF `utf16CodeUnits`). */
export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export type InputFormat =
  | 'cloudformation-yaml'
  | 'cloudformation-json'
  | 'terraform-json'
  | 'terraform-plan'
  | 'terraform-state'
  | 'iam-policy'
  | 'source';

/** Raw JSON-like data as the loaders produce it. CloudFormation short-form tags are already long form. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * One parsed input. `root` is plain data; `locate` turns a path into the region of the most specific
 * node that exists at or above that path. Locating may be lazy (re-reading positions only for files
 * that have findings), so call it only when reporting.
 */
export interface SourceDocument {
  /** Path as shown to the user: relative to the working directory, `/` separators. */
  readonly file: string;
  readonly format: InputFormat;
  readonly root: Json;
  locate(path: Path): Region;
  /** A hint: these paths are about to be located (a large JSON text then finds just them, in one pass). */
  prepareLocate?(paths: readonly Path[]): void;
  /**
   * The region of characters [start, end) of the string value at `path` (offsets in the decoded
   * value), when the document can trace them back to the source; undefined otherwise.
   */
  locateText?(path: Path, start: number, end: number): Region | undefined;
  /** The text lines of the file, for code frames; may be undefined for embedded or synthetic documents. */
  lines?(startLine: number, endLine: number): string[];
  /**
   * Comments in the source by line (YAML `#` comments), for inline suppressions. With `containing`,
   * a document whose text lacks that string may answer [] without reading its comments.
   */
  comments?(containing?: string): readonly SourceComment[];
  /** For a document held in a string of another (a JSON policy in a Terraform attribute): that string's place. */
  readonly embeddedIn?: { readonly doc: SourceDocument; readonly path: Path };
}

export interface SourceComment {
  line: number;
  text: string; // without the leading `#`
  /** true when the comment is the only thing on its line */
  ownLine: boolean;
}
