import type { Address } from "../../commerce/index.ts";

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

export function getCountryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Fields shared by ShippingCartAddress and BillingCartAddress. */
export function toCartAddressView(address: Address, id: number): Record<string, unknown> {
  return {
    id, uid: Buffer.from(String(id)).toString("base64"),
    firstname: address.firstname, lastname: address.lastname, middlename: null, prefix: null, suffix: null,
    company: address.company ?? null, street: address.street, city: address.city, postcode: address.postcode,
    region: { code: address.regionCode || null, label: address.region || null, region_id: address.regionId || null },
    country: { code: address.countryId, label: getCountryName(address.countryId) },
    telephone: address.telephone, fax: null, vat_id: null, custom_attributes: [], customer_notes: null,
  };
}

/** OrderAddress. */
export function toOrderAddressView(address: Address): Record<string, unknown> {
  return {
    firstname: address.firstname, lastname: address.lastname, middlename: null, prefix: null, suffix: null,
    company: address.company ?? null, street: address.street, city: address.city, postcode: address.postcode,
    region: address.region ?? null, region_id: address.regionId ? String(address.regionId) : null,
    country_code: address.countryId, telephone: address.telephone, fax: null, vat_id: null, custom_attributesV2: [],
  };
}

/** CartAddressInput → the commerce Address. */
export function readCartAddressInput(input: Record<string, unknown>): Address {
  const text = (key: string) => (typeof input[key] === "string" ? (input[key] as string) : undefined);
  return {
    firstname: text("firstname") ?? "", lastname: text("lastname") ?? "", company: text("company"),
    street: Array.isArray(input.street) ? input.street.filter((s): s is string => typeof s === "string") : [],
    city: text("city") ?? "", region: text("region"), regionId: typeof input.region_id === "number" ? input.region_id : undefined,
    postcode: text("postcode") ?? "", countryId: text("country_code") ?? "", telephone: text("telephone") ?? "",
  };
}
