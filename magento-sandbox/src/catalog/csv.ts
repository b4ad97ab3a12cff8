import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { SampleDataError } from "../errors.ts";

export type CsvRow = Record<string, string>;

/** Reads one sample-data CSV (header row = column names). A missing optional file gives []. */
export function readCsv(dir: string, relativePath: string, options: { optional?: boolean } = {}): CsvRow[] {
  const file = join(dir, relativePath);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (options.optional) return [];
    throw new SampleDataError(`Cannot read sample data file ${file}`, { cause: error });
  }
  try {
    return parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as CsvRow[];
  } catch (error) {
    throw new SampleDataError(`Cannot parse CSV ${file}`, { cause: error });
  }
}

/** Splits a multi-value CSV cell ("a\nb" or "a|b"), trimming and dropping empties. */
export function splitValues(cell: string | undefined, separator: RegExp = /\r?\n/): string[] {
  if (!cell) return [];
  return cell.split(separator).map((v) => v.trim()).filter((v) => v !== "");
}

/** Magento's url key format: lower case, non-alphanumerics to dashes. */
export function formatUrlKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
