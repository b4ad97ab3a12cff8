import type { Customer } from "../../commerce/index.ts";
import type { GraphQlContext, ResolverMap } from "../context.ts";
import { GraphQlInputError } from "../../errors.ts";
import { listOrdersView } from "./order-view.ts";
import { requireCustomer, requireString, readInput } from "./viewer-guards.ts";

/** Tokens, the customer account and its orders. */
export const customerResolvers: ResolverMap = {
  "Mutation.generateCustomerToken": (_source, args, context) => {
    const email = requireString(args.email, "email");
    const password = requireString(args.password, "password");
    return { token: context.commerce.createCustomerToken(email, password).token };
  },
  "Mutation.revokeCustomerToken": (_source, _args, context) => {
    context.commerce.revokeCustomerTokens(requireCustomer(context));
    return { result: true };
  },
  "Mutation.createCustomer": (source, args, context, info) => customerResolvers["Mutation.createCustomerV2"]!(source, args, context, info),
  "Mutation.createCustomerV2": (_source, args, context) => {
    const input = readInput(args);
    const password = typeof input.password === "string" ? input.password : "";
    if (password === "") throw new GraphQlInputError('Required parameter "password" is missing');
    const customer = context.commerce.createCustomer({
      email: requireString(input.email, "email"), password,
      firstname: requireString(input.firstname, "firstname"), lastname: requireString(input.lastname, "lastname"),
    });
    return { customer: toCustomerView(customer, context) };
  },
  "Query.customer": (_source, _args, context) => {
    const customer = context.commerce.getCustomer(requireCustomer(context));
    if (!customer) throw new GraphQlInputError("The current customer isn't authorized.");
    return toCustomerView(customer, context);
  },
  "Query.customerOrders": (_source, _args, context) => {
    const orders = context.commerce.listCustomerOrders(requireCustomer(context));
    return listOrdersView(orders, { pageSize: 1000 }, context);
  },
};

function toCustomerView(customer: Customer, context: GraphQlContext): Record<string, unknown> {
  const addresses = customer.addresses.map((address, index) => ({
    id: index + 1, customer_id: customer.id, firstname: address.firstname, lastname: address.lastname,
    middlename: null, prefix: null, suffix: null, company: address.company ?? null, street: address.street,
    city: address.city, postcode: address.postcode, telephone: address.telephone, fax: null, vat_id: null,
    region: { region: address.region ?? null, region_code: address.regionCode ?? null, region_id: address.regionId ?? null },
    region_id: address.regionId ?? null, country_code: address.countryId, country_id: address.countryId,
    default_billing: index === 0, default_shipping: index === 0, custom_attributes: [], extension_attributes: [], custom_attributesV2: [],
  }));
  return {
    id: null, email: customer.email, firstname: customer.firstname, lastname: customer.lastname,
    middlename: null, prefix: null, suffix: null, dob: customer.dob ?? null, date_of_birth: customer.dob ?? null,
    gender: customer.gender ?? null, group_id: customer.groupId, taxvat: null, created_at: customer.createdAt,
    is_subscribed: false, confirmation_status: "ACCOUNT_CONFIRMATION_NOT_REQUIRED", allow_remote_shopping_assistance: false,
    default_billing: addresses.length > 0 ? "1" : null, default_shipping: addresses.length > 0 ? "1" : null,
    addresses, custom_attributes: [],
    orders: (args: Record<string, unknown>) => listOrdersView(context.commerce.listCustomerOrders(customer.id), args, context),
  };
}
