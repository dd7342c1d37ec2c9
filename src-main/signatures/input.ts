// Untrusted signature input, read defensively: a size limit before anything is parsed, YAML without
// aliases bombs, custom tags or duplicate keys, CSV read as plain rows (never as objects keyed by
// header names), and validation errors that name the file, the entry and the field.
import { parse as parseCsvRows } from 'csv-parse/sync';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { SentinelleError } from '../../src-shared/errors.js';
import { describeJsonError } from '../system/key-text.js';

/** Larger than any real feed (ISDi's 5,777 apps are 300 KB; a big STIX bundle a few MB). */
export const MAX_FEED_BYTES = 32 * 1024 * 1024;

export function checkSize(bytes: Buffer | string, source: string): void {
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  if (size > MAX_FEED_BYTES) {
    throw new SentinelleError('signatures.too-large', `${source} is too large to be a signature file (${Math.round(size / 1024 / 1024)} MB; the limit is ${MAX_FEED_BYTES / 1024 / 1024} MB). Nothing was imported.`);
  }
}

export function invalid(source: string, problem: string): SentinelleError {
  return new SentinelleError('signatures.invalid', `${source} is not a valid signature file: ${problem} Nothing was imported.`, { technical: problem });
}

export function parseYaml(text: string, source: string): unknown {
  checkSize(text, source);
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true, logLevel: 'silent' });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) throw invalid(source, `YAML: ${problem.message.split('\n')[0]}`);
  try {
    return document.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw invalid(source, `YAML: ${(error as Error).message}`);
  }
}

export function parseJson(text: string, source: string): unknown {
  checkSize(text, source);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // Node quotes a piece of the input in its message; key files go through here too, so it is left out.
    throw invalid(source, `${describeJsonError(error)}.`);
  }
}

/** CSV as rows of strings, after checking that the header is exactly the expected one. */
export function parseCsv(text: string, source: string, expectedHeader: readonly string[]): string[][] {
  checkSize(text, source);
  let rows: string[][];
  try {
    rows = parseCsvRows(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true }) as string[][];
  } catch (error) {
    throw invalid(source, `CSV: ${(error as Error).message}`);
  }
  const header = rows.shift() ?? [];
  if (header.length !== expectedHeader.length || header.some((name, i) => name !== expectedHeader[i])) {
    throw invalid(source, `the first line should be "${expectedHeader.join(',')}", not "${header.join(',')}".`);
  }
  return rows;
}

/** "indicators.androidPackages[2]: an Android package name…" — the field and what it should be. */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)), '');
    return `${path || '(the entry)'}: ${issue.message}`;
  });
  if (error.issues.length > limit) lines.push(`…and ${error.issues.length - limit} more problems`);
  return lines.join('; ');
}
