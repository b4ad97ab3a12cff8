import { InputError } from "./errors.ts";
import { findRegion } from "./regions.ts";
import type { Address, Destination } from "./types.ts";

const required: [keyof Address, string][] = [
  ["firstname", "firstname"],
  ["lastname", "lastname"],
  ["city", "city"],
  ["postcode", "postcode"],
  ["countryId", "countryId"],
  ["telephone", "telephone"],
];

/** Checks an address as Magento's address validator does and fills the region triple. */
export function normalizeAddress(address: Address): Address {
  for (const [key, fieldName] of required) {
    const value = address[key];
    if (typeof value !== "string" || value.trim() === "") {
      throw new InputError('"%fieldName" is required. Enter and try again.', { fieldName });
    }
  }
  const street = (address.street ?? []).filter((line) => line.trim() !== "");
  if (street.length === 0) throw new InputError('"%fieldName" is required. Enter and try again.', { fieldName: "street" });
  const countryId = address.countryId.toUpperCase();
  const region = findRegion(countryId, { id: address.regionId, code: address.regionCode, name: address.region });
  return {
    ...address,
    street,
    countryId,
    region: region?.name ?? address.region ?? "",
    regionCode: region?.code ?? address.regionCode ?? "",
    regionId: region?.id ?? address.regionId ?? 0,
  };
}

export function isEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

/** An address with only a destination (estimates): the region triple filled, no names needed. */
export function toEstimateAddress(destination: Destination): Address {
  const countryId = destination.countryId.toUpperCase();
  const region = findRegion(countryId, { id: destination.regionId, code: destination.regionCode, name: destination.region });
  return {
    firstname: "", lastname: "", street: [], city: "", telephone: "", postcode: destination.postcode ?? "", countryId,
    region: region?.name ?? destination.region ?? "", regionCode: region?.code ?? destination.regionCode ?? "", regionId: region?.id ?? destination.regionId ?? 0,
  };
}
