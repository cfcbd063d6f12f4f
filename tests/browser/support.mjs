// What the browser tests share: the server under test, a fresh headless Chromium, the
// REST API for setting up data, console-error capture and screenshots.

import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const base = process.env.STOCKROOM_URL ?? "http://127.0.0.1:8000";
export const password = process.env.STOCKROOM_ADMIN_PASSWORD ?? "";

const root = resolve(import.meta.dirname, "..", "..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
export const shots = join(resolve(root, target), "browser-screenshots");

/** A headless Chromium with a fresh profile; `close()` removes the profile again. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), "stockroom-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  mkdirSync(shots, { recursive: true });
  const errors = [];
  const watch = (page) => {
    page.on("console", (message) => {
      // A refused form answers 400 on purpose; the browser logs that as a failed load.
      const refused = /Failed to load resource: .* status of 400/.test(message.text());
      if (message.type() === "error" && !refused) errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A REST API call as the admin user (Basic auth), for data the web pages do not create. */
export async function api(method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`admin:${password}`).toString("base64")}`,
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Saves a full-page screenshot under the target directory. */
export async function screenshot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Submits the form whose id is `form` by its button, and waits for the next page. */
export async function submit(page, form) {
  await Promise.all([
    page.waitForLoadState("load"),
    page.locator(`#${form}-form button[type=submit]`).click(),
  ]);
}
