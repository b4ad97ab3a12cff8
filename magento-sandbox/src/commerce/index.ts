import { randomBytes as cryptoRandomBytes } from "node:crypto";
import type { Catalog } from "../catalog/types.ts";
import { SAMPLE_DATA_DIR } from "../data-files.ts";
import { createCartOperations } from "./cart-operations.ts";
import { createCheckoutOperations } from "./checkout-operations.ts";
import { createCustomerRegistry } from "./customers.ts";
import { AuthenticationError, messages } from "./errors.ts";
import { createOrderBook } from "./orders.ts";
import { createQuoteStore } from "./quotes.ts";
import { createSessionStore } from "./sessions.ts";
import { createTokenService, userTypes } from "./tokens.ts";
import { loadTableRates } from "./totals.ts";
import type { Commerce, CommerceOptions } from "./types.ts";

export type * from "./types.ts";
export * from "./errors.ts";

const customerTokenLifetime = 3600;
const adminTokenLifetime = 4 * 3600;
const admin = { id: 1, username: "admin", password: "admin123" };

/**
 * Builds the sandbox's commerce state on top of the catalog. Everything lives in memory; ids
 * are sequences from 1 so a fresh sandbox is deterministic (masked ids and tokens are random).
 */
export function createCommerce(catalog: Catalog, options: CommerceOptions & { sampleDataDir?: string } = {}): Commerce {
  const now = options.now ?? Date.now;
  const randomBytes = options.randomBytes ?? cryptoRandomBytes;
  const sampleDataDir = options.sampleDataDir ?? SAMPLE_DATA_DIR;
  const tokens = createTokenService(options.tokenSecret ?? randomBytes(32).toString("hex"), now);
  const customers = createCustomerRegistry(now);
  if (options.seedCustomers !== false) customers.seed(sampleDataDir);
  const quotes = createQuoteStore(now, randomBytes, loadTableRates(sampleDataDir));
  const orders = createOrderBook(now);
  const deps = { catalog, quotes, orders, customers };

  return {
    sessions: createSessionStore(),
    ...createCartOperations(deps),
    ...createCheckoutOperations(deps),
    createCustomer: (input) => structuredClone(customers.create(input)),
    getCustomer: (id) => structuredClone(customers.get(id)),
    authenticate: (email, password) => structuredClone(customers.authenticate(email, password)),
    createCustomerToken(email, password) {
      const customer = customers.authenticate(email, password);
      const issued = tokens.issue(userTypes.customer, customer.id, customerTokenLifetime);
      return { token: issued.token, customerId: customer.id, expiresAt: issued.expiresAt };
    },
    resolveCustomerToken(token) {
      const claims = tokens.verify(token, userTypes.customer);
      return claims && customers.get(claims.uid) ? claims.uid : undefined;
    },
    revokeCustomerTokens: (customerId) => tokens.revokeAll(userTypes.customer, customerId),
    createAdminToken(username, password) {
      if (username !== admin.username || password !== admin.password) {
        throw new AuthenticationError(messages.signInIncorrect);
      }
      return tokens.issue(userTypes.admin, admin.id, adminTokenLifetime).token;
    },
    isAdminToken: (token) => tokens.verify(token, userTypes.admin) !== undefined,
    getOrder: (id) => structuredClone(orders.get(id)),
    getOrderByIncrementId: (incrementId) => structuredClone(orders.getByIncrementId(incrementId)),
    listOrders: () => structuredClone(orders.list()),
    listCustomerOrders: (customerId) => structuredClone(orders.list().filter((o) => o.customerId === customerId)),
  };
}
