// The signed-in customer's orders, newest first as Magento sorts them: never cached.
import type { RequestContext } from "./domain/context.ts";
import type { OrderPage } from "./domain/customer.ts";
import { requirePositiveInt, requireText } from "./arguments.ts";
import { MagentoShapeError } from "./errors.ts";
import { customerOrdersQuery } from "./magento/queries/customer.ts";
import { reshapeOrders } from "./magento/reshape-customer.ts";
import type { AreaDeps } from "./read-through.ts";

export function createOrdersArea(deps: AreaDeps) {
  async function getOrders(ctx: RequestContext & { customerToken: string }, paging: { page?: number; pageSize?: number } = {}): Promise<OrderPage> {
    requireText("ctx.customerToken", ctx.customerToken);
    const page = requirePositiveInt("page", paging.page, 1);
    const pageSize = requirePositiveInt("pageSize", paging.pageSize, 20, 100);
    const answer = await deps.graphql.request<{ customer?: { orders?: unknown } | null }>(
      "customer orders", customerOrdersQuery, { currentPage: page, pageSize }, ctx);
    const orders = answer?.data.customer?.orders;
    if (orders == null) throw new MagentoShapeError("customer orders", "customer.orders", "is null");
    return reshapeOrders(orders, { page, pageSize });
  }
  return { getOrders };
}
