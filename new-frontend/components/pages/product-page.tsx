import type { Product } from "@strangler/adapters";
import { PageFrame } from "../frame/page-frame.tsx";
import type { Crumb } from "../frame/breadcrumbs.tsx";
import { ProductDetails } from "../product/product-details.tsx";
import { currentStoreView } from "../../lib/store-view.ts";

/** Like Magento: category crumbs only when the product was reached under a category path. */
function toCrumbs(product: Product, underCategory: boolean): Crumb[] {
  const trail: Crumb[] = !underCategory ? [] : product.breadcrumbs.map((crumb) => ({ label: crumb.name, href: `/${crumb.urlPath.replace(/^\/+/, "")}.html`, key: "category" }));
  return [...trail, { label: product.name, key: "product" }];
}

export function ProductPage({ product, underCategory }: { product: Product; underCategory: boolean }) {
  return (
    <PageFrame bodyClass={`catalog-product-view product-${product.urlKey} page-layout-1column`} heading={product.name} breadcrumbs={toCrumbs(product, underCategory)}>
      <ProductDetails product={product} publicUrl={currentStoreView().publicUrl} linkBase={currentStoreView().linkBase} />
    </PageFrame>
  );
}
