import { Router } from "express";
import type { Commerce } from "../commerce/types.ts";
import { requireCustomer } from "./auth.ts";
import { handle, readField } from "./respond.ts";

/** integration/customer/token, integration/admin/token: POST {username, password} → bare token string. */
export function createTokenRoutes(commerce: Commerce): Router {
  const router = Router();
  router.post("/V1/integration/customer/token", handle((req) => {
    return commerce.createCustomerToken(String(readField(req.body, "username")), String(readField(req.body, "password"))).token;
  }));
  router.post("/V1/integration/admin/token", handle((req) => {
    return commerce.createAdminToken(String(readField(req.body, "username")), String(readField(req.body, "password")));
  }));
  router.post("/V1/integration/customer/revoke-customer-token", handle((req) => {
    commerce.revokeCustomerTokens(requireCustomer(commerce, req));
    return true;
  }));
  return router;
}
