// Customer session and profile: never cached. A wrong password is a MagentoInputError with
// category `graphql-authentication`, exactly as Magento reports it.
import type { RequestContext } from "./domain/context.ts";
import type { Customer, CustomerSession } from "./domain/customer.ts";
import { requireText } from "./arguments.ts";
import { MagentoShapeError } from "./errors.ts";
import { customerQuery, generateCustomerTokenMutation, revokeCustomerTokenMutation } from "./magento/queries/customer.ts";
import { reshapeCustomer } from "./magento/reshape-customer.ts";
import type { AreaDeps } from "./read-through.ts";

type CustomerContext = RequestContext & { customerToken: string };

export function createCustomerArea(deps: AreaDeps) {
  const { graphql } = deps;

  async function signIn(email: string, password: string, ctx: RequestContext = {}): Promise<CustomerSession> {
    const variables = { email: requireText("email", email), password: requireText("password", password) };
    const answer = await graphql.request<{ generateCustomerToken?: { token?: string | null } | null }>(
      "sign in", generateCustomerTokenMutation, variables, { ...ctx, customerToken: undefined });
    const token = answer?.data.generateCustomerToken?.token;
    if (!token) throw new MagentoShapeError("sign in", "generateCustomerToken.token", "is missing");
    return { token };
  }

  async function getCustomer(ctx: CustomerContext): Promise<Customer> {
    requireText("ctx.customerToken", ctx.customerToken);
    const answer = await graphql.request<{ customer?: unknown }>("customer", customerQuery, {}, ctx);
    if (answer?.data.customer == null) throw new MagentoShapeError("customer", "customer", "is null");
    return reshapeCustomer(answer.data.customer);
  }

  async function signOut(ctx: CustomerContext): Promise<void> {
    requireText("ctx.customerToken", ctx.customerToken);
    await graphql.request("sign out", revokeCustomerTokenMutation, {}, ctx);
  }

  return { signIn, getCustomer, signOut };
}
