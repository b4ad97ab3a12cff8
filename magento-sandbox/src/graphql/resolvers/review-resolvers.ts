import type { ResolverMap } from "../context.ts";
import { decodeUid, encodeUid } from "../../catalog/uid.ts";
import { GraphQlInputError, GraphQlNoSuchEntityError } from "../../errors.ts";
import { toProductView } from "./product-view.ts";

/** Luma's one active rating: "Rating" (rating_id 4), options 16–20 for 1–5 stars. */
const RATING = { id: 4, name: "Rating", firstOptionId: 16 };
const STARS = [1, 2, 3, 4, 5];

/** Review form metadata, and new reviews, which wait for approval as Magento's do. */
export const reviewResolvers: ResolverMap = {
  "Query.productReviewRatingsMetadata": () => ({
    items: [{
      id: encodeUid(RATING.id), name: RATING.name,
      values: STARS.map((star) => ({ value: String(star), value_id: encodeUid(RATING.firstOptionId + star - 1) })),
    }],
  }),
  "Mutation.createProductReview": (_source, args, context) => {
    const input = (args.input ?? {}) as { sku: string; nickname: string; summary: string; text: string; ratings: { id: string; value_id: string }[] };
    const product = context.catalog.getProductBySku(input.sku);
    if (!product || product.visibility === 1) throw new GraphQlNoSuchEntityError(`Could not find a product with SKU "${input.sku}"`);
    for (const [name, value] of [["nickname", input.nickname], ["summary", input.summary], ["text", input.text]] as const) {
      if (value.trim() === "") throw new GraphQlInputError(`The "${name}" field is required.`);
    }
    const stars = input.ratings.map((rating) => readStars(rating));
    const average = stars.length > 0 ? stars.reduce((a, b) => a + b, 0) / stars.length : 0;
    return {
      review: {
        nickname: input.nickname, summary: input.summary, text: input.text, created_at: new Date().toISOString().replace("T", " ").slice(0, 19),
        average_rating: average * 20, ratings_breakdown: stars.map((star) => ({ name: RATING.name, value: String(star) })),
        product: () => toProductView(product, context),
      },
    };
  },
};

function readStars(rating: { id: string; value_id: string }): number {
  const ratingId = Number(decodeUid(rating.id));
  const optionId = Number(decodeUid(rating.value_id));
  const star = optionId - RATING.firstOptionId + 1;
  if (ratingId !== RATING.id || !STARS.includes(star)) throw new GraphQlInputError(`Invalid rating "${rating.id}" / value "${rating.value_id}".`);
  return star;
}
