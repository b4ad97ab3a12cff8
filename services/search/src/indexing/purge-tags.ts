// What a purge names, in Magento's cache tags: `cat_p_<id>` a product, `cat_c_<id>` a category and
// `cat_c_p_<id>` its product list. Other tags (CMS blocks, store config…) do not touch the index.
export interface PurgeScope {
  all: boolean;
  productIds: number[];
  categoryIds: number[];
}

export function readPurgeTags(tags: string[], all: boolean): PurgeScope {
  const productIds = new Set<number>();
  const categoryIds = new Set<number>();
  for (const tag of tags) {
    const product = /^cat_p_(\d+)$/.exec(tag);
    if (product) productIds.add(Number(product[1]));
    const category = /^cat_c(?:_p)?_(\d+)$/.exec(tag);
    if (category) categoryIds.add(Number(category[1]));
  }
  return { all, productIds: [...productIds], categoryIds: [...categoryIds] };
}

/** Merges scopes waiting for the same refresh. */
export function mergeScopes(a: PurgeScope, b: PurgeScope): PurgeScope {
  return {
    all: a.all || b.all,
    productIds: [...new Set([...a.productIds, ...b.productIds])],
    categoryIds: [...new Set([...a.categoryIds, ...b.categoryIds])],
  };
}
