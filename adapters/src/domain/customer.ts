import type { Money } from "./money.ts";

export interface Address {
  firstName: string;
  lastName: string;
  street: string[];
  city: string;
  region: string;
  postcode: string;
  countryCode: string;
  telephone: string;
  isDefaultBilling: boolean;
  isDefaultShipping: boolean;
}

export interface Customer {
  email: string;
  firstName: string;
  lastName: string;
  addresses: Address[];
  isSubscribed: boolean;
  /**
   * Customer group id as a string (pass it as ctx.customerGroup so catalog reads for this customer
   * are priced and cached per group); undefined when Magento does not expose it.
   */
  groupId?: string;
}

export interface CustomerSession {
  token: string;
}

export interface OrderItem {
  sku: string;
  name: string;
  quantityOrdered: number;
  salePrice: Money;
}

export interface Order {
  id: string;
  number: string;
  orderDate: string;
  status: string;
  items: OrderItem[];
  grandTotal: Money;
  subtotal: Money;
  shipping: Money;
}

export interface OrderPage {
  items: Order[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}
