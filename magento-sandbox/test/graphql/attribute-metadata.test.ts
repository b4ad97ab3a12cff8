/** The EAV attribute metadata API storefronts use to render filters and swatches. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../src/index.ts";
import { createGraphQlClient } from "../support/graphql-client.ts";

let sandbox: RunningSandbox;
let gql: ReturnType<typeof createGraphQlClient>;
beforeAll(async () => {
  sandbox = await startSandbox();
  gql = createGraphQlClient(sandbox.url);
});
afterAll(() => sandbox.close());

describe("attribute metadata", () => {
  it("describes color as a visual swatch attribute with its options, and reports unknown codes", async () => {
    const { body } = await gql.get<{ customAttributeMetadataV2: { items: Record<string, unknown>[]; errors: { type: string }[] } }>(`{
      customAttributeMetadataV2(attributes: [{ attribute_code: "color", entity_type: "catalog_product" }, { attribute_code: "nope", entity_type: "catalog_product" }]) {
        items { code label frontend_input options { label value is_default } ... on CatalogAttributeMetadata { swatch_input_type is_filterable } }
        errors { type message }
      }
    }`);
    const result = body.data!.customAttributeMetadataV2;
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ code: "color", label: "Color", frontend_input: "SELECT", swatch_input_type: "VISUAL", is_filterable: true });
    expect(result.items[0]!.options).toContainEqual({ label: "Black", value: "49", is_default: false });
    expect(result.errors.map((e) => e.type)).toEqual(["ATTRIBUTE_NOT_FOUND"]);
  });

  it("lists filterable product attributes", async () => {
    const { body } = await gql.get<{ attributesList: { items: { code: string }[] } }>(`{ attributesList(entityType: CATALOG_PRODUCT, filters: { is_filterable: true }) { items { code } errors { type } } }`);
    expect(body.data!.attributesList.items.map((i) => i.code)).toEqual(expect.arrayContaining(["color", "size", "material", "activity"]));
  });

  it("lists the one store view", async () => {
    const { body } = await gql.get(`{ availableStores { store_code store_name is_default_store locale } }`);
    expect(body.data).toEqual({ availableStores: [{ store_code: "default", store_name: "Default Store View", is_default_store: true, locale: "en_US" }] });
  });
});
