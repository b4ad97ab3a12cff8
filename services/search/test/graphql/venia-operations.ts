// The storefront operations the contract suite sends: Venia's search, filter, sort and aggregation
// queries as Venia (PWA Studio) writes them; ProductSearch as sent, `rating_summary` included.
const PRICE = `price_range {
  maximum_price { final_price { currency value } regular_price { currency value } }
  minimum_price { final_price { currency value } regular_price { currency value } }
}`;

export const PRODUCT_SEARCH = `query ProductSearch($currentPage: Int = 1, $inputText: String!, $pageSize: Int = 6, $filters: ProductAttributeFilterInput!, $sort: ProductAttributeSortInput) {
  products(currentPage: $currentPage, pageSize: $pageSize, search: $inputText, filter: $filters, sort: $sort) {
    items { id uid name ${PRICE} sku small_image { url } stock_status rating_summary __typename url_key }
    page_info { total_pages }
    total_count
  }
}`;

export const FILTERS_BY_SEARCH = `query GetProductFiltersBySearch($search: String!) {
  products(search: $search) { aggregations { label count attribute_code options { label value } position } }
}`;

export const SORT_METHODS_BY_SEARCH = `query getAvailableSortMethodsBySearch($search: String!) {
  products(search: $search) { sort_fields { options { label value } } }
}`;

export const AUTOCOMPLETE = `query GetAutocompleteResults($inputText: String!) {
  products(search: $inputText, currentPage: 1, pageSize: 3) {
    aggregations { label count attribute_code options { label value count } position }
    items { id uid name small_image { url } url_key url_suffix price { regularPrice { amount { value currency } } } ${PRICE} }
    page_info { total_pages }
    total_count
  }
}`;

export const CATEGORY_PRODUCTS = `query GetCategoryProducts($pageSize: Int!, $currentPage: Int!, $filters: ProductAttributeFilterInput!, $sort: ProductAttributeSortInput) {
  products(pageSize: $pageSize, currentPage: $currentPage, filter: $filters, sort: $sort) { ...ProductsFragment }
}
fragment ProductsFragment on Products {
  items { id uid name ${PRICE} sku small_image { url } stock_status __typename url_key url_suffix ... on ConfigurableProduct { sku } }
  page_info { total_pages current_page page_size }
  total_count
  sort_fields { default options { label value } }
}`;

export const CATEGORY_FILTERS = `query GetFilterInputsForCategory($categoryIdFilter: FilterEqualTypeInput!) {
  products(filter: { category_uid: $categoryIdFilter }) {
    aggregations(filter: { category: { includeDirectChildrenOnly: true } }) { attribute_code count label options { label value count } position }
  }
}`;

export const SEARCH_WITH_SUGGESTIONS = `query SearchWithSuggestions($search: String!) {
  products(search: $search, pageSize: 5) { total_count items { sku name } suggestions { search } }
}`;
