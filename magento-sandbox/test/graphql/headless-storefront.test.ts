/**
 * The operations a headless Magento storefront (PWA Studio / Venia, Vue Storefront, Next.js
 * commerce) sends, written from their public documentation and query files.
 */
import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

const RESOLVE_URL = `query ResolveURL($url: String!) {
  route(url: $url) {
    relative_url redirect_code type
    ... on CmsPage { identifier }
    ... on ProductInterface { uid __typename }
    ... on CategoryInterface { uid }
  }
}`;

describe("URL resolution (route)", () => {
  it.each([
    ["chaz-kangeroo-hoodie.html", { relative_url: "chaz-kangeroo-hoodie.html", redirect_code: 0, type: "PRODUCT", uid: "Njg=", __typename: "ConfigurableProduct" }],
    ["gear/bags/joust-duffle-bag.html", { relative_url: "gear/bags/joust-duffle-bag.html", type: "PRODUCT", uid: "MQ==", __typename: "SimpleProduct" }],
    ["men/tops-men/jackets-men.html", { relative_url: "men/tops-men/jackets-men.html", type: "CATEGORY", uid: "MTQ=" }],
    ["about-us", { relative_url: "about-us", type: "CMS_PAGE", identifier: "about-us" }],
  ])("resolves %s", async (url, expected) => {
    const { status, body } = await gql.get<{ route: Record<string, unknown> }>(RESOLVE_URL, { variables: { url } });
    expect(status).toBe(200);
    expect(body.data?.route).toMatchObject(expected);
  });

  it("answers null for an unknown URL, and urlResolver for the deprecated form", async () => {
    expect((await gql.get(RESOLVE_URL, { variables: { url: "no-such-page.html" } })).body).toEqual({ data: { route: null } });
    const { body } = await gql.post(`{ urlResolver(url: "joust-duffle-bag.html") { entity_uid relative_url redirectCode type } }`);
    expect(body.data).toEqual({ urlResolver: { entity_uid: "MQ==", relative_url: "joust-duffle-bag.html", redirectCode: 0, type: "PRODUCT" } });
  });
});

describe("mega menu", () => {
  it("returns the store root with three levels of children", async () => {
    const query = `query getMegaMenu {
      storeConfig { store_code category_url_suffix }
      categoryList { uid name children { uid include_in_menu name position url_path
        children { uid include_in_menu name position url_path children { uid include_in_menu name position url_path } } } }
    }`;
    const { body } = await gql.get<{ categoryList: { name: string; children: { name: string; url_path: string; include_in_menu: number; children: { name: string; children: { url_path: string }[] }[] }[] }[] }>(query);
    const root = body.data!.categoryList[0]!;
    expect(root.name).toBe("Default Category");
    const menu = root.children.filter((c) => c.include_in_menu === 1);
    expect(menu.map((c) => c.name)).toEqual(["What's New", "Women", "Men", "Gear", "Training", "Sale"]);
    const men = menu.find((c) => c.name === "Men")!;
    expect(men.children.map((c) => c.name)).toEqual(["Tops", "Bottoms"]);
    expect(men.children[0]!.children.map((c) => c.url_path)).toEqual(["men/tops-men/jackets-men", "men/tops-men/hoodies-and-sweatshirts-men", "men/tops-men/tees-men", "men/tops-men/tanks-men"]);
  });
});

describe("category page", () => {
  const CATEGORY = `query GetCategories($id: String!, $pageSize: Int!, $currentPage: Int!, $filters: ProductAttributeFilterInput!, $sort: ProductAttributeSortInput) {
    categories(filters: { category_uid: { in: [$id] } }) {
      items { uid name description url_path product_count breadcrumbs { category_uid category_name category_url_path category_level } }
    }
    products(pageSize: $pageSize, currentPage: $currentPage, filter: $filters, sort: $sort) {
      items { __typename uid name sku url_key url_suffix small_image { url label }
        price_range { maximum_price { final_price { currency value } regular_price { currency value } discount { amount_off } } }
        stock_status }
      page_info { total_pages current_page page_size }
      total_count
      aggregations(filter: { category: { includeDirectChildrenOnly: true } }) { attribute_code label count position options { label value count } }
      sort_fields { default options { label value } }
    }
  }`;

  it("lists a category's products with breadcrumbs, pages and aggregations", async () => {
    const variables = { id: "MTQ=", pageSize: 6, currentPage: 1, filters: { category_uid: { eq: "MTQ=" } } };
    const { body, headers } = await gql.get<{ categories: { items: Record<string, unknown>[] }; products: { total_count: number; items: { url_key: string; small_image: { url: string } }[]; page_info: Record<string, number>; aggregations: { attribute_code: string; options: { label: string; value: string; count: number }[] }[] } }>(CATEGORY, { variables });
    const data = body.data!;
    expect(data.categories.items[0]).toMatchObject({ name: "Jackets", url_path: "men/tops-men/jackets-men", product_count: 11 });
    expect(data.categories.items[0]!.breadcrumbs).toEqual([
      { category_uid: "MTE=", category_name: "Men", category_url_path: "men", category_level: 2 },
      { category_uid: "MTI=", category_name: "Tops", category_url_path: "men/tops-men", category_level: 3 },
    ]);
    expect(data.products.total_count).toBe(11);
    expect(data.products.page_info).toEqual({ total_pages: 2, current_page: 1, page_size: 6 });
    expect(data.products.items[0]!.small_image.url).toMatch(new RegExp(`^${sandbox.url}/media/catalog/product/[a-z0-9]/[a-z0-9]/.+\\.jpg$`));
    const codes = data.products.aggregations.map((a) => a.attribute_code);
    expect(codes).toEqual(expect.arrayContaining(["price", "color", "size"]));
    expect(headers.get("x-magento-tags")).toContain("cat_c_14");
  });

  it("shows a landing-page category's CMS block with its directives rendered", async () => {
    const { body } = await gql.get<{ categoryList: { display_mode: string; landing_page: number; cms_block: { identifier: string; content: string } }[] }>(`{ categoryList(filters: { url_key: { eq: "gear" } }) { display_mode landing_page cms_block { identifier title content } } }`);
    const gear = body.data!.categoryList[0]!;
    expect(gear).toMatchObject({ display_mode: "PAGE", cms_block: { identifier: "gear-block" } });
    expect(gear.cms_block.content).toContain(`${sandbox.url}/gear/bags.html`);
    expect(gear.cms_block.content).not.toContain("{{");
  });

  it("narrows by a swatch filter and a price range", async () => {
    const variables = { id: "MTQ=", pageSize: 20, currentPage: 1, filters: { category_uid: { eq: "MTQ=" }, color: { in: ["49"] }, price: { from: "0", to: "60" } }, sort: { price: "ASC" } };
    const { body } = await gql.post<{ products: { total_count: number; items: { price_range: { maximum_price: { final_price: { value: number } } } }[] } }>(CATEGORY, { variables });
    const products = body.data!.products;
    expect(products.total_count).toBeGreaterThan(0);
    expect(products.total_count).toBeLessThan(11);
    const prices = products.items.map((p) => p.price_range.maximum_price.final_price.value);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });
});

describe("product detail", () => {
  it("returns a configurable product with options, swatches, variants and gallery", async () => {
    const query = `query getProductDetailForProductPage($urlKey: String!) {
      products(filter: { url_key: { eq: $urlKey } }) {
        items { __typename uid id name sku url_key stock_status meta_description
          description { html } categories { uid name breadcrumbs { category_uid } }
          media_gallery_entries { uid label position disabled file }
          price_range { minimum_price { regular_price { value currency } final_price { value currency } discount { amount_off percent_off } } }
          ... on ConfigurableProduct {
            configurable_options { attribute_code attribute_id uid label values { uid default_label label store_label use_default_value value_index swatch_data { ... on ImageSwatchData { thumbnail } value } } }
            variants { attributes { code value_index uid } product { uid sku stock_status media_gallery_entries { uid file } price_range { minimum_price { final_price { value } } } } }
          }
        }
      }
    }`;
    const { body } = await gql.get<{ products: { items: Record<string, unknown>[] } }>(query, { variables: { urlKey: "chaz-kangeroo-hoodie" } });
    const product = body.data!.products.items[0] as { configurable_options: { attribute_code: string; values: { label: string; swatch_data: { value: string } }[] }[]; variants: { attributes: { code: string; uid: string }[]; product: { sku: string } }[] };
    expect(product).toMatchObject({ __typename: "ConfigurableProduct", uid: "Njg=", name: "Chaz Kangeroo Hoodie", stock_status: "IN_STOCK" });
    expect(product.configurable_options.map((o) => o.attribute_code)).toEqual(["size", "color"]);
    expect(product.configurable_options[1]!.values[0]).toMatchObject({ label: "Black", swatch_data: { value: "#000000" } });
    expect(product.variants).toHaveLength(15);
    expect(product.variants[0]).toEqual({
      attributes: [{ code: "size", value_index: expect.any(Number), uid: expect.any(String) }, { code: "color", value_index: 49, uid: "Y29uZmlndXJhYmxlLzkzLzQ5" }],
      product: expect.objectContaining({ sku: "MH01-XS-Black" }),
    });
  });

  it("narrows a configurable's choices with configurable_product_options_selection", async () => {
    const query = `query ($uids: [ID!]) { products(filter: { sku: { eq: "MH01" } }) { items { ... on ConfigurableProduct {
      configurable_product_options_selection(configurableOptionValueUids: $uids) {
        options_available_for_selection { attribute_code option_value_uids }
        configurable_options { attribute_code values { label is_available } }
        variant { sku } media_gallery { url }
      } } } } }`;
    type Selection = { options_available_for_selection: { attribute_code: string; option_value_uids: string[] }[]; variant: { sku: string } | null; media_gallery: { url: string }[] };
    const select = async (uids: string[]) => {
      const { body } = await gql.get<{ products: { items: { configurable_product_options_selection: Selection }[] } }>(query, { variables: { uids } });
      return body.data!.products.items[0]!.configurable_product_options_selection;
    };
    const none = await select([]);
    expect(none.variant).toBeNull();
    expect(none.options_available_for_selection.map((o) => [o.attribute_code, o.option_value_uids.length])).toEqual([["size", 5], ["color", 3]]);
    const detail = sandbox.store.catalog.getProductBySku("MH01")!;
    const [size, color] = detail.configurableOptions!;
    const chosen = await select([size!.values.find((v) => v.label === "L")!.uid, color!.values.find((v) => v.label === "Orange")!.uid]);
    expect(chosen.variant).toEqual({ sku: "MH01-L-Orange" });
    expect(chosen.media_gallery[0]!.url).toContain("/m/h/mh01-orange_main.jpg");
    const bad = await gql.get(query, { variables: { uids: ["Zm9v"] } });
    expect(bad.body.errors?.[0]).toMatchObject({ message: 'configurableOptionValueUids values are invalid: "Zm9v"', extensions: { category: "graphql-input" } });
  });

  it("shows a special price as a discount", async () => {
    const { body } = await gql.post(`{ products(filter: { sku: { eq: "24-WB05" } }) { items { special_price price_range { minimum_price { regular_price { value } final_price { value } discount { amount_off percent_off } } } } } }`);
    expect(body.data).toEqual({ products: { items: [{ special_price: 24, price_range: { minimum_price: { regular_price: { value: 32 }, final_price: { value: 24 }, discount: { amount_off: 8, percent_off: 25 } } } }] } });
  });

  it("shows reviews and the rating summary", async () => {
    const { body } = await gql.get(`{ products(filter: { sku: { eq: "24-MB01" } }) { items { rating_summary review_count reviews(pageSize: 1) { items { nickname summary average_rating ratings_breakdown { name value } } page_info { total_pages } } } } }`);
    expect(body.data).toEqual({ products: { items: [{ rating_summary: 50, review_count: 2, reviews: {
      items: [{ nickname: "Filiberto", summary: "I use it a lot", average_rating: 60, ratings_breakdown: [{ name: "Rating", value: "3" }] }], page_info: { total_pages: 2 },
    } }] } });
  });

  it("shows the sample catalog rule (20% off pants) on a configurable's price range", async () => {
    const { body } = await gql.get(`{ products(filter: { sku: { eq: "MP03" } }) { items { special_price price_range { minimum_price { regular_price { value } final_price { value } discount { percent_off } } } } } }`);
    expect(body.data).toEqual({ products: { items: [{ special_price: null, price_range: { minimum_price: { regular_price: { value: 51 }, final_price: { value: 40.8 }, discount: { percent_off: 20 } } } }] } });
  });

  it("answers bundle and grouped products with their items", async () => {
    const { body } = await gql.post<{ products: { items: { __typename: string; items: unknown[] }[] } }>(`{ products(filter: { sku: { in: ["24-WG080", "24-WG085_Group"] } }) { items { __typename sku
      ... on BundleProduct { items { title required options { label quantity product { sku } } } }
      ... on GroupedProduct { items { qty product { sku name } } } } } }`);
    expect(body.data!.products.items.map((p) => [p.__typename, p.items.length])).toEqual([["BundleProduct", 4], ["GroupedProduct", 3]]);
    const details = await gql.get(`{ products(filter: { sku: { eq: "24-WG080" } }) { items { ... on BundleProduct { price_details { main_price main_final_price discount_percentage } } } } }`);
    expect(details.body.data).toEqual({ products: { items: [{ price_details: { main_price: 61, main_final_price: 61, discount_percentage: 0 } }] } });
    const video = await gql.get(`{ products(filter: { sku: { eq: "240-LV04" } }) { items { __typename ... on DownloadableProduct { downloadable_product_links { title price link_type } } } } }`);
    expect(video.body.data).toEqual({ products: { items: [{ __typename: "DownloadableProduct", downloadable_product_links: [{ title: "Beginner's Yoga", price: 6, link_type: "FILE" }] }] } });
  });
});

describe("search", () => {
  it("finds products with relevance sort, aggregations and suggestions", async () => {
    const query = `query productSearch($inputText: String!, $pageSize: Int) {
      products(search: $inputText, pageSize: $pageSize) {
        total_count items { uid name sku }
        aggregations { attribute_code label count options { label value count } }
        sort_fields { default options { value } }
        page_info { total_pages }
      }
    }`;
    const { body } = await gql.get<{ products: { total_count: number; items: { name: string }[]; aggregations: { attribute_code: string; options: { count: number }[] }[]; sort_fields: { default: string } } }>(query, { variables: { inputText: "jacket", pageSize: 5 } });
    const products = body.data!.products;
    expect(products.total_count).toBeGreaterThan(5);
    expect(products.items[0]!.name.toLowerCase()).toContain("jacket");
    expect(products.sort_fields.default).toBe("relevance");
    const category = products.aggregations.find((a) => a.attribute_code === "category_uid")!;
    expect(category.options.length).toBeGreaterThan(1);
  });
});

describe("mini cart", () => {
  it("shows the lines, thumbnails, options and subtotal of a guest cart", async () => {
    const created = await gql.post<{ createGuestCart: { cart: { id: string } } }>("mutation { createGuestCart { cart { id } } }");
    const cartId = created.body.data!.createGuestCart.cart.id;
    await gql.post(`mutation ($id: String!) { addProductsToCart(cartId: $id, cartItems: [{ sku: "MH01-S-Orange", parent_sku: "MH01", quantity: 2 }]) { cart { id } } }`, { variables: { id: cartId } });
    const query = `query MiniCartQuery($cartId: String!) {
      cart(cart_id: $cartId) {
        id total_quantity
        prices { subtotal_excluding_tax { currency value } }
        items { uid quantity prices { price { currency value } total_item_discount { value } }
          product { uid name url_key url_suffix stock_status thumbnail { url } }
          ... on ConfigurableCartItem { configurable_options { id option_label value_id value_label } } }
      }
    }`;
    const { body, headers } = await gql.post<{ cart: { total_quantity: number; prices: { subtotal_excluding_tax: { value: number } }; items: { product: { url_key: string }; configurable_options: { option_label: string; value_label: string }[] }[] } }>(query, { variables: { cartId } });
    const cart = body.data!.cart;
    expect(cart.total_quantity).toBe(2);
    expect(cart.prices.subtotal_excluding_tax.value).toBe(104);
    expect(cart.items[0]!.product.url_key).toBe("chaz-kangeroo-hoodie");
    expect(cart.items[0]!.configurable_options.map((o) => `${o.option_label}=${o.value_label}`)).toEqual(["Size=S", "Color=Orange"]);
    expect(headers.get("cache-control")).toBe("max-age=0, must-revalidate, no-cache, no-store");
  });
});
