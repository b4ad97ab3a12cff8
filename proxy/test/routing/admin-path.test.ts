import { describe, expect, it } from "vitest";
import { createAdminPathGuard } from "../../src/routing/admin-path.ts";

const guard = createAdminPathGuard("/admin", ["default", "fr_ca"]);
const renamed = createAdminPathGuard("/backend_8x2k/", ["default"]);

describe("the admin path guard", () => {
  it.each([
    "/admin", "/admin/", "/admin/sales/order/view/order_id/1/", "/Admin", "/ADMIN/dashboard", "/aDmIn/",
    "/index.php/admin", "/index.php/admin/catalog/product/", "/INDEX.PHP/Admin/", "/index.php//admin",
    "/default/admin", "/fr_ca/admin/x", "/FR_CA/ADMIN", "/index.php/default/admin/", "//admin",
  ])("accepts %s as admin", (path) => {
    expect(guard(path)).toBe(true);
  });

  it.each([
    "/", "/administrator", "/admins", "/adminhtml.html", "/index.php", "/index.phpadmin", "/index.php/administrator",
    "/gear/admin", "/nl/admin", "/default/admin-tools", "/catalog/admin", "/joust-duffle-bag.html",
  ])("rejects %s as a shop path", (path) => {
    expect(guard(path)).toBe(false);
  });

  it.each([
    ["/backend_8x2k", true], ["/Backend_8X2K/dashboard", true], ["/index.php/backend_8x2k/", true], ["/default/backend_8x2k", true],
    ["/admin", false], ["/backend_8x2k2", false],
  ])("follows a renamed admin path: %s → %s", (path, expected) => {
    expect(renamed(path)).toBe(expected);
  });

  it("treats regular-expression characters in a store code or front name literally", () => {
    const odd = createAdminPathGuard("/ad.min", ["a+b"]);
    expect([odd("/ad.min"), odd("/a+b/ad.min"), odd("/adxmin"), odd("/aab/ad.min")]).toEqual([true, true, false, false]);
  });
});
