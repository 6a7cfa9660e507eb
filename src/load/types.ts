import type { InputFormat, Region, SourceDocument } from '../model/source.js';

export interface LoadOptions {
  /** Files larger than this are refused with a clear message (bytes). */
  maxFileSize: number;
}

export const DEFAULT_MAX_FILE_SIZE = 100 * 1024 * 1024;

/** What reading one file gave: a document, a file that is not ours (skipped and counted), or an error. */
/** Something wrong in a file that did not stop it from loading (a duplicate YAML key). */
export interface LoadWarning {
  message: string;
  region: Region;
}

export type LoadOutcome =
  | { status: 'loaded'; doc: SourceDocument; bytes: number; warnings?: LoadWarning[] }
  | { status: 'skipped'; reason: string; bytes: number }
  | { status: 'error'; message: string; format?: InputFormat; region?: Region; bytes?: number };
