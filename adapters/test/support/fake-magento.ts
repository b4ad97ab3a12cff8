// A real HTTP upstream on 127.0.0.1:0 that answers the adapters' product query from a fixture,
// counts calls and can be slowed down. Used where counting real upstream calls is the point.
import { createServer } from "node:http";
import { loadFixture } from "./fixtures.ts";
import { listen } from "./servers.ts";

export interface FakeMagento {
  url: string;
  calls(): number;
  setPrice(value: number): void;
  close(): Promise<void>;
}

export async function startFakeMagento(options: { delayMs?: number } = {}): Promise<FakeMagento> {
  let calls = 0;
  let price = 34;
  const server = createServer((req, res) => {
    calls += 1;
    type Price = { final_price: { value: number } };
    type Answer = { data: { products: { items: { price_range: { minimum_price: Price; maximum_price: Price } }[] } } };
    const answer = loadFixture<Answer>("product-simple");
    const range = answer.data.products.items[0]!.price_range;
    for (const end of [range.minimum_price, range.maximum_price]) end.final_price.value = price;
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json", "x-magento-tags": "cat_p_1" }).end(JSON.stringify(answer));
    }, options.delayMs ?? 10);
    req.resume();
  });
  const url = await listen(server);
  return {
    url,
    calls: () => calls,
    setPrice: (value) => void (price = value),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
