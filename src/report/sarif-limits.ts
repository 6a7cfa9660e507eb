import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { MAX_TAGS } from '../docs/rule-meta.js';
import { MAX_DESCRIPTION } from './sarif-rules.js';

/** GitHub code scanning upload limits (docs: "SARIF results exceed one or more limits", "SARIF file is too large"). */
export const GITHUB_LIMITS = {
  gzipBytes: 10 * 1024 * 1024,
  runs: 20,
  resultsPerRun: 25_000,
  keptResultsPerRun: 5_000,
  rulesPerRun: 25_000,
  locationsPerResult: 1_000,
  tagsPerRule: MAX_TAGS,
} as const;

/** The size of a SARIF file: UTF-8 bytes, and gzip-compressed bytes when the text is over the limit uncompressed. */
export interface UploadSize {
  bytes: number;
  gzipBytes?: number;
}

/** Blocks compressed on their own: each starts without the last 32 KB of context, so the sum is at most a few percent high. */
const GZIP_BLOCK = 1024 * 1024;

/**
 * The upload size of a text written in pieces, never held whole: the first pieces are kept until the
 * text passes the limit uncompressed (gzip output is never meaningfully larger than its input, so
 * smaller logs are never compressed), then compressed in blocks as they come.
 */
export class UploadSizeMeter {
  private bytes = 0;
  private compressed: number | undefined;
  private held: string[] = [];
  private heldLength = 0;

  add(chunk: string): void {
    this.bytes += Buffer.byteLength(chunk);
    this.held.push(chunk);
    this.heldLength += chunk.length;
    if (this.compressed === undefined && this.bytes > GITHUB_LIMITS.gzipBytes) this.compressed = 0;
    if (this.compressed !== undefined && this.heldLength >= GZIP_BLOCK) this.compressHeld();
  }

  finish(): UploadSize {
    if (this.compressed === undefined) return { bytes: this.bytes };
    this.compressHeld();
    return { bytes: this.bytes, gzipBytes: this.compressed };
  }

  private compressHeld(): void {
    if (this.held.length === 0) return;
    this.compressed! += gzipSync(this.held.join('')).length;
    this.held = [];
    this.heldLength = 0;
  }
}

/**
 * What GitHub would reject or truncate in this log, one sentence each (the CLI prints them to stderr).
 * `size` is measured on the text as it was written, when the caller wrote it.
 */
export function sarifLimitWarnings(log: Log, size: UploadSize = measure(JSON.stringify(log))): string[] {
  const warnings: string[] = [];
  if (log.runs.length > GITHUB_LIMITS.runs) {
    warnings.push(`The SARIF file has ${log.runs.length} runs; GitHub accepts at most ${GITHUB_LIMITS.runs} per upload.`);
  }
  for (const run of log.runs) {
    const results = run.results ?? [];
    if (results.length > GITHUB_LIMITS.resultsPerRun) {
      warnings.push(
        `The run has ${results.length} results; GitHub rejects runs over ${GITHUB_LIMITS.resultsPerRun} results (and shows only the top ${GITHUB_LIMITS.keptResultsPerRun} by severity): use a baseline or split the scan with --sarif-category.`,
      );
    }
    const rules = run.tool.driver.rules ?? [];
    if (rules.length > GITHUB_LIMITS.rulesPerRun) {
      warnings.push(`The run has ${rules.length} rules; GitHub accepts at most ${GITHUB_LIMITS.rulesPerRun}.`);
    }
    for (const rule of rules) {
      const tags = (rule.properties?.tags ?? []) as unknown[];
      if (tags.length > GITHUB_LIMITS.tagsPerRule) {
        warnings.push(`Rule ${rule.id} has ${tags.length} tags; GitHub reads at most ${GITHUB_LIMITS.tagsPerRule}.`);
      }
      for (const [field, text] of [
        ['shortDescription', rule.shortDescription?.text],
        ['fullDescription', rule.fullDescription?.text],
      ] as const) {
        if (text !== undefined && text.length > MAX_DESCRIPTION) {
          warnings.push(`Rule ${rule.id} has a ${field} of ${text.length} characters; GitHub accepts at most ${MAX_DESCRIPTION}.`);
        }
      }
    }
    let crowded = 0;
    for (const r of results) {
      if ((r.locations?.length ?? 0) + (r.relatedLocations?.length ?? 0) > GITHUB_LIMITS.locationsPerResult) crowded++;
    }
    if (crowded > 0) {
      warnings.push(`${crowded} result(s) have more than ${GITHUB_LIMITS.locationsPerResult} locations; GitHub keeps only the first 100.`);
    }
  }
  if (size.gzipBytes !== undefined && size.gzipBytes > GITHUB_LIMITS.gzipBytes) {
    warnings.push(
      `The SARIF file is about ${(size.gzipBytes / 1024 / 1024).toFixed(1)} MB gzip-compressed; GitHub rejects uploads over 10 MB: scan fewer files per upload.`,
    );
  }
  return warnings;
}

function measure(text: string): UploadSize {
  const meter = new UploadSizeMeter();
  meter.add(text);
  return meter.finish();
}
