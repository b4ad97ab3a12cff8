import type { Catalog, Product } from "../catalog/types.ts";
import { decodeUid } from "../catalog/uid.ts";
import { InputError } from "./errors.ts";
import type { AddItemInput, BundleLineSelection } from "./types.ts";

/**
 * Bundle products, as Magento's quote buys them: one line for the bundle, carrying the chosen
 * selection of every option. Choices come as GraphQL uids base64("bundle/<option>/<selection>/<qty>")
 * or as the storefront's bundle_option[option] = selection (+ bundle_option_qty[option]).
 * Luma's bundles have dynamic prices: the line price is the sum of the chosen selections.
 */
export interface BundleChoice {
  optionId: number;
  selectionId: number;
  qty?: number;
}

export function readBundleChoices(input: AddItemInput): BundleChoice[] {
  const fromUids = (input.selectedOptionUids ?? []).flatMap((uid): BundleChoice[] => {
    const match = /^bundle\/(\d+)\/(\d+)\/(\d+(?:\.\d+)?)$/.exec(decodeUid(uid) ?? "");
    return match ? [{ optionId: Number(match[1]), selectionId: Number(match[2]), qty: Number(match[3]) }] : [];
  });
  return [...fromUids, ...(input.bundleChoices ?? [])];
}

/** The chosen selections, every required option answered; Magento's phrases on a bad choice. */
export function resolveBundleSelections(catalog: Catalog, bundle: Product, input: AddItemInput): BundleLineSelection[] {
  const choices = readBundleChoices(input);
  const chosen: BundleLineSelection[] = [];
  for (const option of bundle.bundleOptions ?? []) {
    const mine = choices.filter((c) => c.optionId === option.id);
    if (mine.length === 0) {
      if (option.required) throw new InputError("Please select all required options.", undefined, "REQUIRED_PARAMETER_MISSING");
      continue;
    }
    if ((option.type === "radio" || option.type === "select") && mine.length > 1) {
      throw new InputError("The required options you selected are not available.", undefined, "INVALID_PARAMETER_VALUE");
    }
    for (const choice of mine) {
      const selection = option.selections.find((s) => s.id === choice.selectionId);
      const child = selection ? catalog.getProductById(selection.productId) : undefined;
      if (!selection || !child || !child.enabled || !child.inStock) {
        throw new InputError("The required options you selected are not available.", undefined, "INVALID_PARAMETER_VALUE");
      }
      const qty = choice.qty !== undefined && choice.qty > 0 ? choice.qty : selection.qty;
      chosen.push({
        optionId: option.id, optionLabel: option.title, optionType: option.type, selectionId: selection.id,
        productId: child.id, sku: child.sku, name: child.name, qty, price: catalog.getFinalPrice(child),
      });
    }
  }
  const unknown = choices.find((c) => !(bundle.bundleOptions ?? []).some((o) => o.id === c.optionId));
  if (unknown) throw new InputError("The required options you selected are not available.", undefined, "INVALID_PARAMETER_VALUE");
  return chosen;
}
