import type { Product, ProductReview } from "./types.ts";
import { readCsv } from "./csv.ts";
import { SAMPLE_DATA_TIME } from "./product-base.ts";

/** ReviewSampleData: approved reviews with one "Rating" vote (1–5 stars) each. */
export function loadReviews(dir: string, bySku: Map<string, Product>): void {
  let id = 1;
  for (const row of readCsv(dir, "ReviewSampleData/products_reviews.csv", { optional: true })) {
    const product = bySku.get(row.sku ?? "");
    const rating = Number(row.rating_value);
    if (!product || !(rating >= 1 && rating <= 5)) continue;
    const review: ProductReview = {
      id: id++, title: (row.title ?? "").trim(), detail: row.review ?? "", nickname: row.reviewer ?? "",
      ratingName: row.rating_code || "Rating", rating, createdAt: SAMPLE_DATA_TIME,
    };
    product.reviews.push(review);
  }
}

/** Magento's rating_summary: the average vote as a percentage (4 of 5 stars = 80). */
export function getRatingSummary(product: Product): number {
  if (product.reviews.length === 0) return 0;
  const average = product.reviews.reduce((sum, r) => sum + r.rating, 0) / product.reviews.length;
  return Math.round(average * 20 * 10) / 10;
}
