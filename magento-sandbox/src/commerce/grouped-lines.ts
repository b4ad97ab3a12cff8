import type { Catalog, Product } from "../catalog/types.ts";
import { decodeUid, encodeUid } from "../catalog/uid.ts";
import { InputError } from "./errors.ts";
import type { AddItemInput } from "./types.ts";

/**
 * Grouped products, as Magento's quote buys them: one simple line per child with a quantity
 * (uids base64("grouped/<child id>/<qty>"), or the storefront's super_group[child id]).
 */
export function readGroupedQuantities(input: AddItemInput): { productId: number; qty: number }[] {
  const fromUids = (input.selectedOptionUids ?? []).flatMap((uid) => {
    const match = /^grouped\/(\d+)\/(\d+(?:\.\d+)?)$/.exec(decodeUid(uid) ?? "");
    return match ? [{ productId: Number(match[1]), qty: Number(match[2]) }] : [];
  });
  return [...fromUids, ...(input.groupedQuantities ?? [])].filter((g) => g.qty > 0);
}

/** The simple children to add for a grouped product, each with its quantity. */
export function resolveGroupedChildren(catalog: Catalog, grouped: Product, input: AddItemInput): { child: Product; qty: number }[] {
  const chosen = readGroupedQuantities(input);
  if (chosen.length === 0) throw new InputError("Please specify the quantity of product(s).", undefined, "REQUIRED_PARAMETER_MISSING");
  return chosen.map(({ productId, qty }) => {
    const child = (grouped.groupedItems ?? []).some((i) => i.productId === productId) ? catalog.getProductById(productId) : undefined;
    if (!child) throw new InputError('Value of uid "%1" is incorrect.', [encodeUid(`grouped/${productId}/${qty}`)], "INVALID_PARAMETER_VALUE");
    return { child, qty };
  });
}
