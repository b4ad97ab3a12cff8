import { productSummaryFields } from "./fragments.ts";

const listingFields = `
  total_count
  page_info { current_page page_size total_pages }
  aggregations { attribute_code label options { value label count } }
  sort_fields { default options { value label } }
  items { ${productSummaryFields} }
`;

export const productListingQuery = `
  query AdapterProductListing(
    $filter: ProductAttributeFilterInput!
    $sort: ProductAttributeSortInput
    $pageSize: Int!
    $currentPage: Int!
  ) {
    products(filter: $filter, sort: $sort, pageSize: $pageSize, currentPage: $currentPage) {
      ${listingFields}
    }
  }
`;

export const productSearchQuery = `
  query AdapterProductSearch(
    $search: String!
    $filter: ProductAttributeFilterInput
    $sort: ProductAttributeSortInput
    $pageSize: Int!
    $currentPage: Int!
  ) {
    products(search: $search, filter: $filter, sort: $sort, pageSize: $pageSize, currentPage: $currentPage) {
      ${listingFields}
      suggestions { search }
    }
  }
`;
