import { crc32, deflateSync } from "node:zlib";

/**
 * Placeholder product images, generated in code (the Luma photos are not shipped): a solid
 * image whose shade comes from the file name, as a baseline JPEG or a PNG.
 */
export const PLACEHOLDER_WIDTH = 240;
export const PLACEHOLDER_HEIGHT = 300;

/** A shade in 150–229 derived from the name, so different products look different. */
export function shadeFor(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 150 + (hash % 80);
}

export function createPlaceholderPng(shade: number, width = PLACEHOLDER_WIDTH, height = PLACEHOLDER_HEIGHT): Buffer {
  const row = Buffer.alloc(1 + width * 3, shade);
  row[0] = 0; // filter type "none"
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(raw)), pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A grayscale baseline JPEG of one flat shade. Every 8×8 block has only a DC coefficient
 * (8 × (shade − 128) with an all-ones quantization table), so two tiny Huffman tables do.
 */
export function createPlaceholderJpeg(shade: number, width = PLACEHOLDER_WIDTH, height = PLACEHOLDER_HEIGHT): Buffer {
  const dc = 8 * (shade - 128);
  const category = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
  const bits = createBitWriter();
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  for (let block = 0; block < blocks; block += 1) {
    if (block === 0 && category > 0) {
      bits.write(0b0, 1); // DC symbol `category`
      bits.write(dc > 0 ? dc : dc + (1 << category) - 1, category);
    } else {
      bits.write(0b10, 2); // DC symbol 0: no change
    }
    bits.write(0b0, 1); // AC end of block
  }
  const size = [height >> 8, height & 255, width >> 8, width & 255];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [0, ...new Array<number>(64).fill(1)]),
    segment(0xc0, [8, ...size, 1, 1, 0x11, 0]),
    segment(0xc4, [0x00, 1, 1, ...new Array<number>(14).fill(0), Math.max(category, 1), 0]),
    segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0]),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    bits.finish(),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function segment(marker: number, payload: number[]): Buffer {
  const length = payload.length + 2;
  return Buffer.from([0xff, marker, length >> 8, length & 255, ...payload]);
}

function createBitWriter() {
  const bytes: number[] = [];
  let current = 0;
  let used = 0;
  const push = (byte: number) => {
    bytes.push(byte);
    if (byte === 0xff) bytes.push(0x00); // byte stuffing
  };
  return {
    write(value: number, count: number): void {
      for (let i = count - 1; i >= 0; i -= 1) {
        current = (current << 1) | ((value >> i) & 1);
        used += 1;
        if (used === 8) {
          push(current);
          current = 0;
          used = 0;
        }
      }
    },
    finish(): Buffer {
      if (used > 0) push(((current << (8 - used)) | ((1 << (8 - used)) - 1)) & 0xff);
      return Buffer.from(bytes);
    },
  };
}
