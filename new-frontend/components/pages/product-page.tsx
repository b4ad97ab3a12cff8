import type { Product } from "@strangler/adapters";
import { PageFrame } from "../frame/page-frame.tsx";
import type { Crumb } from "../frame/breadcrumbs.tsx";
import { ProductDetails } from "../product/product-details.tsx";
import { getFrontendConfig } from "../../lib/config.ts";

function toCrumbs(product: Product): Crumb[] {
  const trail: Crumb[] = product.breadcrumbs.map((crumb) => ({ label: crumb.name, href: `/${crumb.urlPath.replace(/^\/+/, "")}.html`, key: "category" }));
  return [...trail, { label: product.name, key: "product" }];
}

export function ProductPage({ product }: { product: Product }) {
  return (
    <PageFrame bodyClass={`catalog-product-view product-${product.urlKey} page-layout-1column`} heading={product.name} breadcrumbs={toCrumbs(product)}>
      <ProductDetails product={product} publicUrl={getFrontendConfig().publicUrl} />
    </PageFrame>
  );
}
