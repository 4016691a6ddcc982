/**
 * A real browser for the dashboard's test: Debian's Chromium (global-setup checks it is there)
 * driven by playwright-core, which downloads no browser of its own. And what the test needs to
 * read its screenshots: pixels by page coordinates.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { inject } from 'vitest';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromium'),
    headless: true,
    // Chromium's sandbox needs user namespaces, which a root process in CI does not get.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

export type Rgb = [number, number, number];

export interface Screenshot {
  width: number;
  height: number;
  /** The colour at page coordinates (CSS pixels; the page is shot at device scale 1). */
  at(x: number, y: number): Rgb;
}

/** A full-page screenshot, saved under tests/artifacts/ for people to look at, and decoded. */
export async function screenshot(page: Page, name: string): Promise<Screenshot & { path: string }> {
  const png = await page.screenshot({ fullPage: true, animations: 'disabled' });
  const dir = new URL('../artifacts/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL(name, dir);
  await writeFile(file, png);
  const img = PNG.sync.read(png);
  return {
    path: file.pathname,
    width: img.width,
    height: img.height,
    at(x, y) {
      const i = (Math.round(y) * img.width + Math.round(x)) * 4;
      return [img.data[i], img.data[i + 1], img.data[i + 2]];
    },
  };
}

/** Largest difference of one channel. */
export const colourDistance = (a: Rgb, b: Rgb) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

/** The centre of the first element matching a selector, in page coordinates. */
export async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
