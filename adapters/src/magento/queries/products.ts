import { productDetailFields } from "./fragments.ts";

/** Product by url key or sku: `filter` is a ProductAttributeFilterInput such as `{ url_key: { eq: "x" } }`. */
export const productQuery = `
  query AdapterProduct($filter: ProductAttributeFilterInput!) {
    products(filter: $filter, pageSize: 1) {
      items { ${productDetailFields} }
    }
  }
`;
