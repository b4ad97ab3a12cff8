import type { GraphQlContext, ResolverMap } from "../context.ts";
import { encodeUid } from "../../catalog/uid.ts";

/**
 * A store view's configuration as a fresh Luma install (plus the `fr` view) reports it. Commerce-only
 * settings (Braintree, B2B, rewards…) are left out and answer "not supported".
 */
export function toStoreConfigView(context: GraphQlContext): Record<string, unknown> {
  const view = context.storeView;
  const base = view.baseUrl;
  const rootId = context.catalog.rootCategoryId;
  return {
    id: view.id, code: view.code, store_code: view.code, store_name: view.name, store_sort_order: view.id - 1,
    is_default_store: view.code === "default", store_group_code: "main_website_store", store_group_name: "Main Website Store",
    is_default_store_group: true, website_id: 1, website_code: "base", website_name: "Main Website",
    locale: view.locale, timezone: "America/Chicago", weight_unit: "lbs",
    base_currency_code: "USD", default_display_currency_code: view.displayCurrency.code,
    base_url: base, base_link_url: base, base_static_url: `${base}static/`, base_media_url: `${base}media/`,
    secure_base_url: base, secure_base_link_url: base, secure_base_static_url: `${base}static/`, secure_base_media_url: `${base}media/`,
    use_store_in_url: false, root_category_id: rootId, root_category_uid: encodeUid(rootId),
    product_url_suffix: ".html", category_url_suffix: ".html", title_separator: "-", title_prefix: "", title_suffix: "",
    default_title: view.defaultTitle, default_description: null, default_keywords: null,
    head_shortcut_icon: null, head_includes: "", header_logo_src: null, logo_width: null, logo_height: null, logo_alt: null,
    welcome: "Default welcome msg!", copyright: "Copyright © 2013-present Magento, Inc. All rights reserved.",
    absolute_footer: null, demonotice: 0, front: "cms", cms_home_page: "home", cms_no_route: "no-route",
    cms_no_cookies: "enable-cookies", no_route: "cms/noroute/index", show_cms_breadcrumbs: 1,
    catalog_default_sort_by: "position", grid_per_page: 12, grid_per_page_values: "12,24,36", list_mode: "grid-list",
    list_per_page: 10, list_per_page_values: "5,10,15,20,25", autocomplete_on_storefront: true,
    configurable_thumbnail_source: "parent", configurable_product_image: "ITSELF", grouped_product_image: "ITSELF",
    product_reviews_enabled: "1", allow_guests_to_write_product_reviews: "1",
    minicart_display: true, minicart_max_items: 5, cart_summary_display_quantity: 0, max_items_in_order_summary: 10,
    cart_expires_in_days: 30, is_guest_checkout_enabled: true, is_one_page_checkout_enabled: true,
    is_checkout_agreements_enabled: false, contact_enabled: true, newsletter_enabled: true, order_cancellation_enabled: false,
    order_cancellation_reasons: [], send_friend: { enabled_for_customers: false, enabled_for_guests: false },
    minimum_password_length: "8", required_character_classes_number: "3", create_account_confirmation: false,
    customer_access_token_lifetime: 1, default_country: "US", countries_with_required_region: "AL,AR,AU,BG,BO,BR,BY,CA,CH,CL,CN,CO,CR,CZ,DK,DO,EC,EE,ES,GR,GY,HR,IN,IS,IT,LT,LV,MX,PE,PL,PT,PY,RO,SE,SR,US,UY,VE",
    optional_zip_countries: "HK,IE,MO,PA,GB", display_state_if_optional: false,
    check_money_order_enabled: true, check_money_order_title: "Check / Money order", check_money_order_new_order_status: "pending",
    check_money_order_enable_for_specific_countries: false, check_money_order_payment_from_specific_countries: null,
    check_money_order_make_check_payable_to: null, check_money_order_send_check_to: null,
    check_money_order_min_order_total: null, check_money_order_max_order_total: null, check_money_order_sort_order: null,
    zero_subtotal_enabled: true, zero_subtotal_title: "No Payment Information Required", zero_subtotal_new_order_status: "pending",
    zero_subtotal_payment_action: "authorize_capture", zero_subtotal_enable_for_specific_countries: false,
    zero_subtotal_payment_from_specific_countries: null, zero_subtotal_sort_order: 1,
    display_product_prices_in_catalog: 1, display_shipping_prices: 1, shopping_cart_display_price: 1,
    shopping_cart_display_shipping: 1, shopping_cart_display_subtotal: 1, shopping_cart_display_full_summary: false,
    shopping_cart_display_grand_total: false, shopping_cart_display_zero_tax: false,
    shopping_cart_display_tax_gift_wrapping: "DISPLAY_EXCLUDING_TAX",
    orders_invoices_credit_memos_display_price: 1, orders_invoices_credit_memos_display_shipping_amount: 1,
    orders_invoices_credit_memos_display_subtotal: 1, orders_invoices_credit_memos_display_full_summary: false,
    orders_invoices_credit_memos_display_grandtotal: false, orders_invoices_credit_memos_display_zero_tax: false,
    fixed_product_taxes_enable: false, fixed_product_taxes_apply_tax_to_fpt: false, fixed_product_taxes_include_fpt_in_subtotal: false,
    fixed_product_taxes_display_prices_in_product_lists: 1, fixed_product_taxes_display_prices_on_product_view_page: 1,
    fixed_product_taxes_display_prices_in_sales_modules: 1, fixed_product_taxes_display_prices_in_emails: 1,
    category_fixed_product_tax_display_setting: "FPT_DISABLED", product_fixed_product_tax_display_setting: "FPT_DISABLED",
    sales_fixed_product_tax_display_setting: "FPT_DISABLED",
    graphql_share_all_customer_groups: false, graphql_share_customer_group: false,
    share_all_catalog_rules: false, share_all_sales_rule: false, share_applied_catalog_rules: false, share_applied_sales_rule: false,
    quickorder_active: false, returns_enabled: "0", magento_wishlist_general_is_enabled: "1", enable_multiple_wishlists: "0",
    maximum_number_of_wishlists: "0", is_requisition_list_active: "0", is_negotiable_quote_active: false,
  };
}

export const storeConfigResolvers: ResolverMap = {
  "Query.storeConfig": (_source, _args, context) => {
    context.cacheTags.add("store_config");
    return toStoreConfigView(context);
  },
};
