// Money and prices as the new side sees them: plain numbers plus an ISO currency code.
export interface Money {
  amount: number;
  currency: string;
}

export interface Discount {
  amountOff: number;
  percentOff: number;
}

/** One end of a price range: what the shopper pays (`final`) against the list price (`regular`). */
export interface Price {
  regular: Money;
  final: Money;
  discount: Discount;
}

export interface PriceRange {
  min: Price;
  max: Price;
}
