import { moneyFields } from "./fragments.ts";

export const cartFields = `
  id
  email
  total_quantity
  items {
    __typename
    uid
    quantity
    product { sku name url_key small_image { url label position } }
    prices {
      price { ${moneyFields} }
      row_total { ${moneyFields} }
    }
    ... on ConfigurableCartItem {
      configurable_options { option_label value_label }
      configured_variant { sku }
    }
  }
  prices {
    subtotal_excluding_tax { ${moneyFields} }
    subtotal_with_discount_excluding_tax { ${moneyFields} }
    grand_total { ${moneyFields} }
    discounts { label amount { ${moneyFields} } }
    applied_taxes { label amount { ${moneyFields} } }
  }
`;

export const createGuestCartMutation = `
  mutation AdapterCreateGuestCart {
    createGuestCart { cart { id } }
  }
`;

export const cartQuery = `
  query AdapterCart($cartId: String!) {
    cart(cart_id: $cartId) { ${cartFields} }
  }
`;

export const customerCartQuery = `
  query AdapterCustomerCart {
    customerCart { ${cartFields} }
  }
`;

export const addProductsToCartMutation = `
  mutation AdapterAddProductsToCart($cartId: String!, $cartItems: [CartItemInput!]!) {
    addProductsToCart(cartId: $cartId, cartItems: $cartItems) {
      cart { ${cartFields} }
      user_errors { code message }
    }
  }
`;

export const updateCartItemsMutation = `
  mutation AdapterUpdateCartItems($cartId: String!, $items: [CartItemUpdateInput!]!) {
    updateCartItems(input: { cart_id: $cartId, cart_items: $items }) {
      cart { ${cartFields} }
    }
  }
`;

export const removeCartItemMutation = `
  mutation AdapterRemoveCartItem($cartId: String!, $itemUid: ID!) {
    removeItemFromCart(input: { cart_id: $cartId, cart_item_uid: $itemUid }) {
      cart { ${cartFields} }
    }
  }
`;
