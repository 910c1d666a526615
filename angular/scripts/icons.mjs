// Draws the installable app's icons (public/icons/*.png): Erp's "E" in white on the theme's emerald, plain PNG bytes
// written with Node's zlib, so no image tool is needed. Run again after changing the design: `node scripts/icons.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const emerald = [16, 185, 129]; // Aura's primary, emerald 500: the manifest's theme colour too
const white = [255, 255, 255];

/**
 * One icon of `size` pixels. `inset` is the share of the edge left around the glyph: a maskable icon keeps it inside the
 * central 80 % circle every platform's mask leaves visible, and fills the whole square (no rounded corners of its own).
 */
function icon(size, { inset, rounded }) {
  const radius = rounded ? size * 0.2 : 0;
  const glyph = { left: size * inset, top: size * inset, width: size * (1 - 2 * inset), height: size * (1 - 2 * inset) };
  const bar = glyph.height / 5; // the E: a stem and three arms, each a fifth of the glyph's height
  const inE = (x, y) => {
    const gx = x - glyph.left;
    const gy = y - glyph.top;
    if (gx < 0 || gy < 0 || gx >= glyph.width || gy >= glyph.height) return false;
    if (gx < bar * 1.2) return true; // stem
    const arm = gy < bar || (gy >= 2 * bar && gy < 3 * bar) || gy >= 4 * bar;
    return arm && gx < (gy >= 2 * bar && gy < 3 * bar ? glyph.width * 0.8 : glyph.width);
  };
  const outsideCorner = (x, y) => {
    const cx = x < radius ? radius : x > size - radius ? size - radius : x;
    const cy = y < radius ? radius : y > size - radius ? size - radius : y;
    return (x - cx) ** 2 + (y - cy) ** 2 > radius ** 2;
  };
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const [r, g, b] = inE(x + 0.5, y + 0.5) ? white : emerald;
      row.set([r, g, b, outsideCorner(x + 0.5, y + 0.5) ? 0 : 255], 1 + x * 4);
    }
    rows.push(row);
  }
  return png(size, Buffer.concat(rows));
}

function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const folder = new URL('../public/icons/', import.meta.url);
mkdirSync(folder, { recursive: true });
writeFileSync(new URL('icon-192.png', folder), icon(192, { inset: 0.25, rounded: true }));
writeFileSync(new URL('icon-512.png', folder), icon(512, { inset: 0.25, rounded: true }));
writeFileSync(new URL('maskable-512.png', folder), icon(512, { inset: 0.3, rounded: false }));
