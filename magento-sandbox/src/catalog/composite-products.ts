import type { BundleOption, Product } from "./types.ts";
import { createModuleProduct, readImages, type LoadContext } from "./simple-products.ts";
import { addMedia } from "./product-base.ts";
import { readCsv, splitValues } from "./csv.ts";

/** Bundle (BundleSampleData), grouped and downloadable products; children must be loaded. */
export function loadCompositeProducts(context: LoadContext, bySku: Map<string, Product>): Product[] {
  return [...loadBundles(context, bySku), ...loadGrouped(context, bySku), ...loadDownloadable(context)];
}

function loadBundles(context: LoadContext, bySku: Map<string, Product>): Product[] {
  const images = readImages(context.dir, "BundleSampleData/images_yoga_bundle.csv");
  let optionId = 1;
  let selectionId = 1;
  return readCsv(context.dir, "BundleSampleData/yoga_bundle.csv").map((row) => {
    const product = createModuleProduct(context, row, "bundle");
    addMedia(product, images.get(product.sku) ?? []);
    // "Title|radio:sku1,sku2" one option a line.
    product.bundleOptions = splitValues(row.bundle_options).map((line, position): BundleOption => {
      const [title = "", rest = ""] = line.split("|");
      const [type = "radio", skus = ""] = rest.split(":");
      const children = skus.split(",").map((sku) => bySku.get(sku.trim())).filter((p): p is Product => p !== undefined);
      for (const child of children) child.parentIds.push(product.id);
      return {
        id: optionId++, title, type: type === "checkbox" || type === "multi" || type === "select" ? type : "radio",
        required: true, position: position + 1,
        selections: children.map((child, index) => ({ id: selectionId++, productId: child.id, qty: 1, isDefault: index === 0, position: index + 1 })),
      };
    });
    return product;
  });
}

function loadGrouped(context: LoadContext, bySku: Map<string, Product>): Product[] {
  const images = readImages(context.dir, "GroupedProductSampleData/images_yoga_grouped.csv");
  return readCsv(context.dir, "GroupedProductSampleData/yoga_grouped.csv").map((row) => {
    const product = createModuleProduct(context, row, "grouped");
    addMedia(product, images.get(product.sku) ?? []);
    const children = splitValues(row.associated_sku, /,/).map((sku) => bySku.get(sku)).filter((p): p is Product => p !== undefined);
    for (const child of children) child.parentIds.push(product.id);
    product.groupedItems = children.map((child, index) => ({ productId: child.id, qty: 1, position: index + 1 }));
    return product;
  });
}

function loadDownloadable(context: LoadContext): Product[] {
  const images = readImages(context.dir, "DownloadableSampleData/images_products_training_video.csv");
  const links = readCsv(context.dir, "DownloadableSampleData/downloadable_data_training_video_download.csv");
  let linkId = 1;
  return readCsv(context.dir, "DownloadableSampleData/products_training_video_download.csv").map((row) => {
    const product = createModuleProduct(context, row, "downloadable");
    addMedia(product, images.get(product.sku) ?? []);
    product.downloadableLinks = links
      .filter((link) => link.product_sku === product.sku)
      .map((link, index) => ({ id: linkId++, title: link.link_item_title ?? "", price: Number(link.link_item_price) || 0, sortOrder: index + 1 }));
    return product;
  });
}

const LINK_FILES: [keyof Pick<Product, "relatedSkus" | "upsellSkus" | "crosssellSkus">, string[]][] = [
  ["relatedSkus", ["CatalogSampleData/Links/related.csv", "ConfigurableSampleData/Links/related.csv", "BundleSampleData/Links/related.csv", "GroupedProductSampleData/Link/related.csv", "DownloadableSampleData/Links/related.csv"]],
  ["upsellSkus", ["CatalogSampleData/Links/upsell.csv", "ConfigurableSampleData/Links/upsell.csv"]],
  ["crosssellSkus", ["CatalogSampleData/Links/crosssell.csv", "ConfigurableSampleData/Links/crosssell.csv", "BundleSampleData/Links/crosssell.csv", "GroupedProductSampleData/Link/crosssell.csv", "DownloadableSampleData/Links/crosssell.csv"]],
];

/** Related, up-sell and cross-sell links (unknown skus are dropped). */
export function loadProductLinks(dir: string, bySku: Map<string, Product>): void {
  for (const [field, files] of LINK_FILES) {
    for (const file of files) {
      for (const row of readCsv(dir, file, { optional: true })) {
        const product = bySku.get(row.sku ?? "");
        if (!product) continue;
        const linked = splitValues(row.linked_sku).filter((sku) => bySku.has(sku) && !product[field].includes(sku));
        product[field].push(...linked);
      }
    }
  }
}
