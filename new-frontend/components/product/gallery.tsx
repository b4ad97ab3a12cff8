import type { Image } from "@strangler/adapters";
import { placeholderImage, toSameOriginMediaUrl } from "../../lib/format.ts";

/** The product's images (main first), or Magento's placeholder when it has none. */
export function Gallery({ media, name }: { media: Image[]; name: string }) {
  const [main, ...rest] = media;
  return (
    <div className="product media">
      <div className="gallery-placeholder">
        <img className="gallery-placeholder__image" src={main ? toSameOriginMediaUrl(main.url) : placeholderImage} alt={main?.label || name} width={700} height={700} fetchPriority="high" />
      </div>
      {rest.length > 0 ? (
        <ul className="fotorama__nav">
          {rest.slice(0, 12).map((image) => (
            <li key={image.url} className="fotorama__nav__frame">
              <img src={toSameOriginMediaUrl(image.url)} alt={image.label || name} width={88} height={110} loading="lazy" />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
