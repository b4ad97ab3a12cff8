// Shared selections. Documents below interpolate these strings, so every exported document is
// self-contained and can be validated against the Magento schema on its own.

export const moneyFields = `value currency`;

const priceFields = `
  regular_price { ${moneyFields} }
  final_price { ${moneyFields} }
  discount { amount_off percent_off }
`;

export const priceRangeFields = `
  price_range {
    minimum_price { ${priceFields} }
    maximum_price { ${priceFields} }
  }
`;

export const productSummaryFields = `
  __typename
  id
  uid
  sku
  name
  url_key
  url_suffix
  canonical_url
  stock_status
  rating_summary
  review_count
  small_image { url label position }
  ${priceRangeFields}
`;

export const breadcrumbFields = `breadcrumbs { category_name category_url_path }`;

export const productDetailFields = `
  ${productSummaryFields}
  description { html }
  short_description { html }
  meta_title
  meta_description
  special_price
  media_gallery { url label position disabled }
  categories { id uid name url_path ${breadcrumbFields} }
  ... on ConfigurableProduct {
    configurable_options {
      attribute_code
      label
      position
      values {
        uid
        label
        swatch_data { __typename value }
      }
    }
    variants {
      attributes { code label uid }
      product {
        id
        sku
        stock_status
        small_image { url label position }
        ${priceRangeFields}
      }
    }
  }
  ... on BundleProduct {
    bundle_items: items {
      uid
      title
      required
      type
      position
      options { uid label quantity is_default price position }
    }
  }
  ... on GroupedProduct {
    grouped_items: items {
      position
      qty
      product { id sku name stock_status ${priceRangeFields} }
    }
  }
  ... on DownloadableProduct {
    links_title
    links_purchased_separately
    downloadable_product_links { uid title price sort_order }
  }
`;

export const categoryFields = `
  id
  uid
  name
  url_key
  url_path
  url_suffix
  level
  position
  product_count
  description
  meta_title
  meta_description
  image
  ${breadcrumbFields}
`;
