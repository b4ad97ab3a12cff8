import type { ReactNode } from "react";
import type { OptionPicker } from "../../lib/add-to-cart.ts";

/**
 * Magento's own add-to-cart form, posted to /checkout/cart/add/ on the shop's origin: the PHP session's
 * quote gets the item, Magento answers with its redirect and a fresh private_content_version, and the
 * minicart on either side then reloads the cart section. A server component: the frame's inline script
 * (components/frame/private-content-script.ts) fills the `form_key` from its cookie, again on submit, and
 * enables the button, which waits for the key.
 */
export function AddToCartForm({ action, productId, sku, pickers, hideQty = false, children }: {
  action: string; productId: number; sku: string; pickers: OptionPicker[];
  /** A grouped product's items carry their own quantities: Luma hides the product's qty field. */
  hideQty?: boolean;
  /** Server-rendered type-specific fields (bundle options, grouped items, downloadable links). */
  children?: ReactNode;
}) {
  return (
    <div className="product-add-form">
      <form data-product-sku={sku} action={action} method="post" id="product_addtocart_form">
        <input type="hidden" name="product" value={productId} />
        <input type="hidden" name="selected_configurable_option" value="" />
        <input type="hidden" name="related_product" value="" />
        <input type="hidden" name="item" value={productId} />
        <input name="form_key" type="hidden" value="" readOnly suppressHydrationWarning />
        {pickers.length > 0 ? (
          <div className="product-options-wrapper" id="product-options-wrapper">
            <div className="fieldset">
              {pickers.map((picker) => (
                <div key={picker.attributeId} className="field configurable required">
                  <label className="label" htmlFor={`attribute${picker.attributeId}`}>
                    <span>{picker.label}</span>
                  </label>
                  <div className="control">
                    <select name={`super_attribute[${picker.attributeId}]`} id={`attribute${picker.attributeId}`} className="super-attribute-select" required defaultValue="" data-attribute-code={picker.code}>
                      <option value="">Choose an Option...</option>
                      {picker.values.map((value) => (
                        <option key={value.valueIndex} value={value.valueIndex}>
                          {value.label}
                        </option>
                      ))}
                    </select>
                  </div>
                </div>
              ))}
            </div>
          </div>
        ) : null}
        {children}
        <div className="box-tocart">
          <div className="fieldset">
            <div className="field qty" hidden={hideQty}>
              <label className="label" htmlFor="qty">
                <span>Qty</span>
              </label>
              <div className="control">
                <input type="number" name="qty" id="qty" min={hideQty ? 0 : 1} max={10000} defaultValue={1} title="Qty" className="input-text qty" required={!hideQty} />
              </div>
            </div>
            <div className="actions">
              <button type="submit" title="Add to Cart" className="action primary tocart" id="product-addtocart-button" disabled suppressHydrationWarning>
                <span>Add to Cart</span>
              </button>
            </div>
          </div>
        </div>
      </form>
    </div>
  );
}
