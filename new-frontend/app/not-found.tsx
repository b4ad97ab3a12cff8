// A notFound() from a page (an entity that vanished between proxy.ts's lookup and the render).
// Unknown URLs normally never get here: proxy.ts answers them 404 with app/strangler-no-route.
import { NoRoutePage, noRouteMetadata } from "../components/pages/no-route-page.tsx";

export const metadata = noRouteMetadata;

export default NoRoutePage;
