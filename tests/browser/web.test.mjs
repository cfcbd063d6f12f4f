// The web interface in a real browser: sign in, the new part and new stock forms, the stock
// item forms, receiving a purchase order with serial numbers, and every main page rendering
// without console errors.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { api, base, launch, password, screenshot, submit } from "./support.mjs";

let browser;
let page;

before(async () => {
  browser = await launch();
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

test("signing in returns to the page asked for", async () => {
  await page.goto(`${base}/web/stock/`);
  assert.match(page.url(), /\/web\/login\?next=%2Fweb%2Fstock%2F$/);
  await screenshot(page, "sign-in");
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForURL(`${base}/web/stock/`), page.getByRole("button", { name: "Sign in" }).click()]);
  assert.match(await page.locator(".user-menu").innerText(), /Signed in as admin/);
});

let part;
let item;
let locations;

test("a new part's stock is moved and counted through the item page", async () => {
  // The part and its stock are created through the web forms.
  const name = `E2E widget ${Date.now()}`;
  await page.goto(`${base}/web/part/`);
  await Promise.all([page.waitForURL(/\/web\/part\/new$/), page.getByRole("link", { name: "New part" }).click()]);
  // A part without a name is refused beside the field, keeping what was typed.
  await page.locator("#create-description").fill("Made by the browser tests");
  await page.locator("#create-name").evaluate((input) => input.removeAttribute("required"));
  await submit(page, "create");
  await page.locator("#create-name-error").waitFor();
  assert.equal(await page.locator("#create-description").inputValue(), "Made by the browser tests");
  await page.locator("#create-name").fill(name);
  await page.locator("#create-trackable").check();
  await page.locator("#create-purchaseable").check();
  await Promise.all([page.waitForURL(/\/web\/part\/\d+$/), submit(page, "create")]);
  part = { pk: Number(page.url().split("/").pop()), name };
  assert.ok((await page.locator("h1").innerText()).includes("E2E widget"));
  await screenshot(page, "part-new");

  locations = (await api("GET", "/api/stock/location/?limit=100")).results.filter((l) => !l.structural);
  assert.ok(locations.length >= 2, "the demo data has locations");
  await Promise.all([page.waitForURL(/\/web\/stock\/new\?part=\d+$/), page.getByRole("link", { name: "New stock item" }).click()]);
  assert.equal(await page.locator("#create-part").inputValue(), String(part.pk));
  await page.locator("#create-quantity").fill("20");
  await page.locator("#create-location").selectOption(String(locations[0].pk));
  await Promise.all([page.waitForURL(/\/web\/stock\/item\/\d+$/), submit(page, "create")]);
  item = { pk: Number(page.url().split("/").pop()) };

  await page.goto(`${base}/web/part/${part.pk}`);
  assert.ok((await page.locator("h1").innerText()).includes("E2E widget"));
  await page.goto(`${base}/web/stock/item/${item.pk}`);
  await page.locator("#move-location").selectOption(String(locations[1].pk));
  await page.locator("#move-quantity").fill("5");
  await Promise.all([page.waitForURL(/done=moved/), page.getByRole("button", { name: "Move stock", exact: true }).click()]);
  await page.getByRole("status").filter({ hasText: "Stock moved." }).waitFor();
  // Moving part of an item splits it: this item keeps 15 where it was.
  assert.match(await page.locator("h1").innerText(), /· 15$/);

  await page.locator("#count-quantity").fill("14");
  await Promise.all([page.waitForURL(/done=counted/), page.getByRole("button", { name: "Save count", exact: true }).click()]);
  await page.getByRole("status").filter({ hasText: "Stock counted." }).waitFor();
  assert.match(await page.locator("h1").innerText(), /· 14$/);
  // A bad count is refused beside the field, keeping what was typed.
  await page.locator("#count-quantity").fill("many");
  await page.getByRole("button", { name: "Save count", exact: true }).click();
  await page.locator("#count-quantity-error").waitFor();
  assert.equal(await page.locator("#count-quantity").inputValue(), "many");
  await screenshot(page, "stock-item");
});

test("a purchase order line is received with serial numbers", async () => {
  const supplier = (await api("GET", "/api/company/?is_supplier=true&limit=1")).results[0];
  const sku = `E2E-${part.pk}`;
  await api("POST", "/api/company/part/", { part: part.pk, supplier: supplier.pk, SKU: sku });

  await page.goto(`${base}/web/purchasing/purchase-order/`);
  await page.locator("#create-supplier").selectOption(String(supplier.pk));
  await page.locator("#create-description").fill("Browser test order");
  await submit(page, "create");
  await page.getByRole("status").filter({ hasText: "Purchase order created." }).waitFor();
  const order = page.url().split("?")[0];

  const option = page.locator("#line-part option", { hasText: sku });
  await page.locator("#line-part").selectOption(await option.getAttribute("value"));
  await page.locator("#line-quantity").fill("5");
  await submit(page, "line");
  await page.getByRole("status").filter({ hasText: "Line added." }).waitFor();
  await submit(page, "issue");
  await page.getByRole("status").filter({ hasText: "Order placed." }).waitFor();

  const line = page.locator("#receive-line-item option", { hasText: part.name });
  await page.locator("#receive-line-item").selectOption(await line.getAttribute("value"));
  await page.locator("#receive-quantity").fill("3");
  await page.locator("#receive-location").selectOption(String(locations[0].pk));
  await page.locator("#receive-batch-code").fill("E2E-LOT");
  await page.locator("#receive-serial-numbers").fill("1-3");
  await submit(page, "receive");
  await page.getByRole("status").filter({ hasText: "Goods received." }).waitFor();
  assert.equal(page.url().split("?")[0], order);

  // The same serials again are refused beside the field, with the typed values kept.
  await page.locator("#receive-line-item").selectOption(await line.getAttribute("value"));
  await page.locator("#receive-quantity").fill("2");
  await page.locator("#receive-location").selectOption(String(locations[0].pk));
  await page.locator("#receive-serial-numbers").fill("2-3");
  await submit(page, "receive");
  await page.locator("#receive-serial-numbers-error").waitFor();
  assert.equal(await page.locator("#receive-serial-numbers").inputValue(), "2-3");
  await screenshot(page, "purchase-order-receive");

  const received = await api("GET", `/api/stock/?part=${part.pk}&serialized=true&limit=10`);
  assert.deepEqual(received.results.map((i) => i.serial).sort(), ["1", "2", "3"]);
});

const pages = [
  ["dashboard", "/web/"],
  ["parts", "/web/part/"],
  ["stock", "/web/stock/"],
  ["part-new", "/web/part/new"],
  ["stock-new", "/web/stock/new"],
  ["locations", "/web/stock/location/"],
  ["companies", "/web/company/"],
  ["company", "/web/company/1"],
  ["supplier-part", "/web/purchasing/supplier-part/1"],
  ["purchase-orders", "/web/purchasing/purchase-order/"],
  ["purchase-order", "/web/purchasing/purchase-order/1"],
  ["sales-orders", "/web/sales/sales-order/"],
  ["sales-order", "/web/sales/sales-order/1"],
  ["return-orders", "/web/sales/return-order/"],
  ["build-orders", "/web/manufacturing/build-order/"],
  ["build-order", "/web/manufacturing/build-order/1"],
  ["settings", "/web/settings/"],
  ["users", "/web/settings/users/"],
];

test("the main pages render without console errors", async () => {
  const before = browser.errors.length;
  for (const [name, path] of pages) {
    const response = await page.goto(`${base}${path}`);
    assert.equal(response.status(), 200, path);
    await screenshot(page, name);
  }
  assert.deepEqual(browser.errors.slice(before), []);
  // The browser reports a 404 as a failed load; that is the point of this one.
  const missing = await page.goto(`${base}/web/purchasing/purchase-order/999999`);
  assert.equal(missing.status(), 404);
  assert.match(await page.locator("h1").innerText(), /Not found/);
  browser.errors.length = before;
});

test("pages fit a phone screen and show keyboard focus", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, path] of pages.filter(([n]) => ["purchase-order", "stock", "settings"].includes(n))) {
    await page.goto(`${base}${path}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
    await screenshot(page, `${name}-phone`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${base}/web/purchasing/purchase-order/`);
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused element shows an outline");
  assert.deepEqual(browser.errors, []);
});
