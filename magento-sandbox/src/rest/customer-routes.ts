import { Router } from "express";
import type { Commerce, Customer } from "../commerce/types.ts";
import { requireCustomer } from "./auth.ts";
import { formatDate } from "./catalog-shapes.ts";
import { handle, readField } from "./respond.ts";

/** customers/me (customer token or storefront session) and account creation (anonymous). */
export function shapeCustomer(customer: Customer) {
  const addressId = (index: number) => customer.id * 100 + index;
  return {
    id: customer.id,
    group_id: customer.groupId,
    ...(customer.addresses.length > 0 ? { default_billing: String(addressId(0)), default_shipping: String(addressId(0)) } : {}),
    created_at: formatDate(customer.createdAt),
    updated_at: formatDate(customer.createdAt),
    created_in: "Default Store View",
    ...(customer.dob ? { dob: customer.dob } : {}),
    email: customer.email,
    firstname: customer.firstname,
    lastname: customer.lastname,
    ...(customer.gender ? { gender: customer.gender } : {}),
    store_id: 1,
    website_id: 1,
    addresses: customer.addresses.map((address, index) => ({
      id: addressId(index),
      customer_id: customer.id,
      region: { region_code: address.regionCode ?? "", region: address.region ?? "", region_id: address.regionId ?? 0 },
      region_id: address.regionId ?? 0,
      country_id: address.countryId,
      street: address.street,
      telephone: address.telephone,
      postcode: address.postcode,
      city: address.city,
      firstname: address.firstname,
      lastname: address.lastname,
      default_shipping: index === 0,
      default_billing: index === 0,
    })),
    disable_auto_group_change: 0,
  };
}

export function createCustomerRoutes(commerce: Commerce): Router {
  const router = Router();
  router.get("/V1/customers/me", handle((req) => shapeCustomer(commerce.getCustomer(requireCustomer(commerce, req))!)));
  router.post("/V1/customers", handle((req) => {
    const customer = readField<Record<string, unknown>>(req.body, "customer");
    const text = (name: string) => String(readField(customer, name));
    const password = (req.body as Record<string, unknown>).password;
    return shapeCustomer(commerce.createCustomer({
      email: text("email"),
      firstname: text("firstname"),
      lastname: text("lastname"),
      password: typeof password === "string" ? password : "",
    }));
  }));
  return router;
}
