/** Metadata storefronts render forms from: EAV attributes (filters, swatches), stores, review ratings. */
import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

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

describe("product reviews", () => {
  it("describes the rating form and takes a new review for approval", async () => {
    const meta = await gql.get<{ productReviewRatingsMetadata: { items: { id: string; name: string; values: { value: string; value_id: string }[] }[] } }>(`{ productReviewRatingsMetadata { items { id name values { value value_id } } } }`);
    const rating = meta.body.data!.productReviewRatingsMetadata.items[0]!;
    expect(rating).toMatchObject({ id: "NA==", name: "Rating" });
    const four = rating.values.find((v) => v.value === "4")!;
    const { body } = await gql.post<{ createProductReview: { review: Record<string, unknown> } }>(
      `mutation ($input: CreateProductReviewInput!) { createProductReview(input: $input) { review { nickname summary average_rating ratings_breakdown { name value } product { sku review_count } } } }`,
      { variables: { input: { sku: "24-MB01", nickname: "Ann", summary: "Roomy", text: "Fits everything.", ratings: [{ id: rating.id, value_id: four.value_id }] } } },
    );
    expect(body.data!.createProductReview.review).toEqual({
      nickname: "Ann", summary: "Roomy", average_rating: 80, ratings_breakdown: [{ name: "Rating", value: "4" }], product: { sku: "24-MB01", review_count: 2 },
    });
  });

  it.each([
    [{ sku: "NOPE", ratings: [] }, 'Could not find a product with SKU "NOPE"'],
    [{ sku: "24-MB01", ratings: [{ id: "NA==", value_id: "OTk=" }] }, 'Invalid rating "NA==" / value "OTk=".'],
  ])("rejects %j", async (overrides, message) => {
    const input = { nickname: "Ann", summary: "S", text: "T", ...overrides };
    const { body } = await gql.post(`mutation ($input: CreateProductReviewInput!) { createProductReview(input: $input) { review { summary } } }`, { variables: { input } });
    expect(body.errors?.[0]?.message).toBe(message);
  });
});
