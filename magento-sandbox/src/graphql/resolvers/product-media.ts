import type { MediaImage, Product } from "../../catalog/types.ts";
import { encodeUid } from "../../catalog/uid.ts";

/** Magento serves product images under this path; the sandbox generates placeholders there. */
export const PRODUCT_MEDIA_PATH = "media/catalog/product";
const PLACEHOLDER_FILE = "/placeholder/default/image.jpg";

export function buildImageUrl(baseUrl: string, file: string): string {
  return `${baseUrl}${PRODUCT_MEDIA_PATH}${file}`;
}

/** image / small_image / thumbnail: the image with that role, else Magento's placeholder. */
export function toRoleImage(product: Product, role: string, baseUrl: string) {
  const image = product.media.find((m) => m.roles.includes(role));
  return {
    url: buildImageUrl(baseUrl, image?.file ?? PLACEHOLDER_FILE),
    label: image?.label ?? product.name,
    position: image?.position ?? null,
    disabled: false,
  };
}

export function toMediaGallery(product: Product, baseUrl: string) {
  return product.media.map((image) => ({
    __typename: "ProductImage", url: buildImageUrl(baseUrl, image.file), label: image.label, position: image.position, disabled: false,
  }));
}

export function toMediaGalleryEntries(product: Product) {
  return product.media.map((image: MediaImage, index) => {
    const id = product.id * 100 + index + 1;
    return {
      id, uid: encodeUid(id), media_type: "image", label: image.label, position: image.position, disabled: false,
      types: image.roles, file: image.file, content: null, video_content: null,
    };
  });
}
