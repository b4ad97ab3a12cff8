export const storeConfigQuery = `
  query AdapterStoreConfig {
    storeConfig {
      store_code
      store_name
      locale
      base_currency_code
      default_display_currency_code
      base_url
      base_media_url
      product_url_suffix
      category_url_suffix
      root_category_uid
      default_title
      title_prefix
      title_suffix
      default_description
      header_logo_src
      copyright
      cms_home_page
      grid_per_page
    }
  }
`;
