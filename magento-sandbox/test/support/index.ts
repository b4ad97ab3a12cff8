/**
 * Test support other workspaces import as `@strangler/magento-sandbox/test-support`: the
 * GraphQL response validator (Magento 2.4.8 schema), a GraphQL client that validates every
 * answer, the REST OpenAPI validator and client, a cookie-jar browser, and `useSandbox()`.
 */
export { assertConformsToSchema, findSchemaProblems, MAGENTO_ERROR_CATEGORIES, type ValidateOptions } from "./graphql-response-validator.ts";
export { createGraphQlClient, type GraphQlClient, type GraphQlResult, type RequestOptions } from "./graphql-client.ts";
export { assertConforms, type ResponseSchema } from "./rest-openapi.ts";
export { createRestClient, type CallOptions, type RestCall } from "./rest-client.ts";
export { createBrowser, type Browser, type BrowserResponse } from "./browser.ts";
export { useSandbox, type SandboxFixture } from "./sandbox.ts";
