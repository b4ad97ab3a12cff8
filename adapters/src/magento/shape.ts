// zod building blocks for reading Magento answers, and the one function that turns a zod failure
// into MagentoShapeError naming the path. Defaults used here are the documented safe defaults.
import { z } from "zod";
import { MagentoShapeError } from "../errors.ts";
import type { Money } from "../domain/money.ts";

/** A finite number; numeric strings ("12.50") are accepted because Magento sometimes sends them. */
export const numberField = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, "not a number").transform(Number)])
  .pipe(z.number().refine(Number.isFinite, "not a finite number"));

export const amountField = numberField.pipe(z.number().nonnegative("negative amount"));

/** Nullable text that reads as "" when absent. */
export const textField = z.string().nullish().transform((value) => value ?? "");

export const moneySchema = z.object({ value: amountField, currency: z.string().min(3, "currency missing") });
export type MagentoMoney = z.input<typeof moneySchema>;

export function toMoney(raw: z.output<typeof moneySchema>): Money {
  return { amount: raw.value, currency: raw.currency };
}

export const imageSchema = z.object({ url: z.string().min(1), label: z.string().nullish(), position: numberField.nullish() });

export function parseShape<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue ? issue.path.map(String).join(".") : "";
  throw new MagentoShapeError(what, path, issue?.message ?? "invalid", { cause: parsed.error });
}

/** `abc.html` or `/abc.html` → `/abc.html`. */
export function toRelativeUrl(path: string): string {
  return path.startsWith("/") ? path : `/${path}`;
}
