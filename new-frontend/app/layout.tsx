// The root layout: the document shell only. The Luma frame (header, menu, footer) is rendered by each
// page (components/frame) so a 404 and a product page share it.
import type { ReactNode } from "react";
import type { Metadata } from "next";
import { generatorMarker } from "../lib/seo.ts";

export const metadata: Metadata = { generator: generatorMarker };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
