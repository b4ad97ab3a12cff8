// The type-specific part of Magento's add-to-cart form, server-rendered in Luma's markup: a bundle's
// option pickers, a grouped product's quantity table, a downloadable product's links.
import type { Money, Product } from "@strangler/adapters";
import type { BundlePicker } from "../../lib/add-to-cart.ts";
import { formatMoney } from "../../lib/format.ts";
import { PriceBox } from "./price-box.tsx";

function BundleControl({ picker, currency }: { picker: BundlePicker; currency: string }) {
  const label = (choice: BundlePicker["choices"][number]) => `${choice.label} +${formatMoney({ amount: choice.price, currency })}`;
  const id = `bundle-option-${picker.optionId}`;
  const classes = `bundle-option-${picker.optionId} product bundle option`;
  if (picker.type === "checkbox") {
    return (
      <>
        {picker.choices.map((choice) => (
          <div key={choice.selectionId} className="field choice">
            <input type="checkbox" className={`bundle-option-${picker.optionId} checkbox product bundle option`} id={`${id}-${choice.selectionId}`} name={`bundle_option[${picker.optionId}][]`} value={choice.selectionId} />
            <label htmlFor={`${id}-${choice.selectionId}`}><span>{label(choice)}</span></label>
          </div>
        ))}
      </>
    );
  }
  const multiple = picker.type === "multi";
  return (
    <select id={id} name={`bundle_option[${picker.optionId}]${multiple ? "[]" : ""}`} className={`${classes} bundle-option-select`} multiple={multiple} required={picker.required} defaultValue={multiple ? [] : ""}>
      {multiple ? null : <option value="">Choose a selection...</option>}
      {picker.choices.map((choice) => <option key={choice.selectionId} value={choice.selectionId}>{label(choice)}</option>)}
    </select>
  );
}

export function BundleOptions({ pickers, currency }: { pickers: BundlePicker[]; currency: string }) {
  if (pickers.length === 0) return null;
  return (
    <div className="fieldset fieldset-bundle-options" id="product-options-wrapper">
      {pickers.map((picker) => (
        <div key={picker.optionId} className={`field option${picker.required ? " required" : ""}`}>
          <label className="label" htmlFor={`bundle-option-${picker.optionId}`}><span>{picker.title}</span></label>
          <div className="control">
            <BundleControl picker={picker} currency={currency} />
            <input type="hidden" name={`bundle_option_qty[${picker.optionId}]`} value={picker.quantity} />
          </div>
        </div>
      ))}
    </div>
  );
}

/** Luma's grouped table: each item with its price and a `super_group[<id>]` quantity (Magento's default qty). */
export function GroupedItems({ items }: { items: Product["groupedItems"] }) {
  return (
    <div className="table-wrapper grouped">
      <table className="table data grouped" id="super-product-table">
        <thead><tr><th className="col item">Product Name</th><th className="col qty">Qty</th></tr></thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td className="col item"><strong className="product-item-name">{item.name}</strong><PriceBox price={item.price} /></td>
              <td className="col qty">
                {item.stockStatus === "IN_STOCK"
                  ? <div className="control qty"><input type="number" name={`super_group[${item.id}]`} defaultValue={item.quantity} min={0} title="Qty" className="input-text qty" /></div>
                  : <div className="stock unavailable" title="Availability"><span>Out of stock</span></div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DownloadableLinks({ title, links, currency }: { title: string; links: { linkId: number; title: string; price: number }[]; currency: string }) {
  if (links.length === 0) return null;
  const money = (amount: number): Money => ({ amount, currency });
  return (
    <div className="field downloads required" id="downloadable-links-list">
      <label className="label"><span>{title || "Links"}</span></label>
      <div className="control">
        {links.map((link) => (
          <div key={link.linkId} className="field choice">
            <input type="checkbox" className="checkbox" name="links[]" id={`links_${link.linkId}`} value={link.linkId} />
            <label className="label" htmlFor={`links_${link.linkId}`}><span>{link.title}</span> <span className="price-notice">+{formatMoney(money(link.price))}</span></label>
          </div>
        ))}
      </div>
    </div>
  );
}
