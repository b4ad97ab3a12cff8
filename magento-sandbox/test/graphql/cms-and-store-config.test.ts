/** CMS content and store configuration as headless storefronts read them. */
import { describe, expect, it } from "vitest";
import { useSandbox } from "../support/sandbox.ts";

const sandbox = useSandbox();
const { gql } = sandbox;

describe("CMS and store config", () => {
  it("renders a CMS page and blocks with their directives resolved", async () => {
    const { body } = await gql.get<{ cmsPage: { title: string; content: string }; cmsBlocks: { items: { identifier: string; content: string }[] } }>(`{
      cmsPage(identifier: "home") { identifier title content content_heading meta_title page_layout url_key }
      cmsBlocks(identifiers: ["footer_links_block"]) { items { identifier title content } }
    }`);
    expect(body.data!.cmsPage.title).toBe("Home Page");
    expect(body.data!.cmsPage.content).toContain(`${sandbox.url}/collections/yoga-new.html`);
    expect(body.data!.cmsBlocks.items[0]!.content).toContain(`href="${sandbox.url}/about-us"`);
  });

  it("answers storeConfig as a Luma store", async () => {
    const { body } = await gql.get(`{ storeConfig { store_code store_name locale base_currency_code product_url_suffix category_url_suffix root_category_uid secure_base_media_url grid_per_page } }`);
    expect(body.data).toEqual({ storeConfig: {
      store_code: "default", store_name: "Default Store View", locale: "en_US", base_currency_code: "USD", product_url_suffix: ".html",
      category_url_suffix: ".html", root_category_uid: "Mg==", secure_base_media_url: `${sandbox.url}/media/`, grid_per_page: 12,
    } });
  });
});
