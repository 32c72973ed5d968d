import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { checkIcon, decodePng, drawColorIcon, drawOutlineIcon, encodePng } from '../../scripts/app-package/icons';
import { REPO_ROOT } from './temp-root';

const read = (name: string): Buffer => fs.readFileSync(path.join(REPO_ROOT, 'appPackage', name));

function pixels(buffer: Buffer): Array<[number, number, number, number]> {
  const { data } = decodePng(buffer);
  const out: Array<[number, number, number, number]> = [];
  for (let i = 0; i < data.length; i += 4) out.push([data[i], data[i + 1], data[i + 2], data[i + 3]]);
  return out;
}

describe('app package: icons', () => {
  it('color.png is 192×192, fully opaque and in colour', () => {
    const png = decodePng(read('color.png'));
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    const px = pixels(read('color.png'));
    assert.ok(px.every(([, , , a]) => a === 255), 'every pixel opaque');
    assert.ok(px.some(([r, g, b]) => !(r === g && g === b)), 'not greyscale');
    assert.ok(new Set(px.map((p) => p.join())).size > 4, 'more than a flat fill');
    assert.deepEqual(checkIcon('color', read('color.png')), []);
  });

  it('outline.png is 32×32, only white (#FFFFFF) or fully transparent, with some of each', () => {
    const png = decodePng(read('outline.png'));
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    const px = pixels(read('outline.png'));
    const white = px.filter(([r, g, b, a]) => r === 255 && g === 255 && b === 255 && a === 255).length;
    const transparent = px.filter(([, , , a]) => a === 0).length;
    assert.equal(white + transparent, 32 * 32, 'no other pixels');
    assert.ok(white > 50, `white pixels: ${white}`);
    assert.ok(transparent > 200, `transparent pixels: ${transparent}`);
    assert.deepEqual(checkIcon('outline', read('outline.png')), []);
  });

  it('the committed icons are what scripts/make-icons draws (run npm run icons after changing the drawing)', () => {
    assert.ok(decodePng(read('color.png')).data.equals(drawColorIcon().data), 'color.png is stale');
    assert.ok(decodePng(read('outline.png')).data.equals(drawOutlineIcon().data), 'outline.png is stale');
  });

  it('the icon check rejects a wrong size, a translucent colour icon and a grey or half-transparent outline', () => {
    assert.match(checkIcon('color', encodePng(drawOutlineIcon())).join(), /must be 192×192 pixels \(is 32×32\)/);
    assert.match(checkIcon('outline', encodePng(drawColorIcon())).join(), /must be 32×32 pixels/);
    assert.match(checkIcon('color', Buffer.from('not a png')).join(), /not a readable PNG/);

    const color = drawColorIcon();
    color.data[3] = 254;
    assert.deepEqual(checkIcon('color', encodePng(color)), ['color icon must be fully opaque (1 pixels are not)']);

    const grey = drawOutlineIcon();
    const on = grey.data.findIndex((_v, i) => i % 4 === 3 && grey.data[i] === 255);
    grey.data[on - 1] = 200; // blue channel of an opaque pixel
    const half = drawOutlineIcon();
    half.data[on] = 128;
    assert.match(checkIcon('outline', encodePng(grey)).join(), /only white .* \(1 pixels are neither\)/);
    assert.match(checkIcon('outline', encodePng(half)).join(), /only white .* \(1 pixels are neither\)/);

    const blank = new PNG({ width: 32, height: 32 });
    blank.data.fill(0);
    assert.deepEqual(checkIcon('outline', encodePng(blank)), ['outline icon has no white pixels']);
  });
});
