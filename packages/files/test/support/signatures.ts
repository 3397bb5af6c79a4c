/**
 * The first bytes of files of well-known types, padded to a realistic sniffing sample. Written by hand
 * from the formats' published signatures so that detection is tested without binary fixtures.
 */
const enc = (text: string) => Buffer.from(text, "latin1");

function u32be(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}

function pad(head: Buffer, size = 8192): Buffer {
  const out = Buffer.alloc(Math.max(size, head.length), 0x20);
  head.copy(out);
  return out;
}

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  u32be(13),
  enc("IHDR"),
  u32be(1),
  u32be(1),
  Buffer.from([8, 6, 0, 0, 0]),
  u32be(0),
  u32be(0),
  enc("IEND"),
  u32be(0),
]);

const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  enc("JFIF\0"),
  Buffer.alloc(9),
]);
const webp = Buffer.concat([enc("RIFF"), Buffer.from([0x24, 0, 0, 0]), enc("WEBPVP8 "), Buffer.alloc(24)]);
const gif = enc("GIF89a\x01\x00\x01\x00\x00\x00\x00;");
const pdf = enc("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n");
const zip = Buffer.concat([
  enc("PK\x03\x04"),
  Buffer.from([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  Buffer.alloc(12),
  Buffer.from([9, 0, 0, 0]),
  enc("notes.txt"),
]);
const mp4 = Buffer.concat([u32be(24), enc("ftypisom"), u32be(0x200), enc("isomiso2"), u32be(8), enc("free")]);
const ogg = Buffer.concat([
  enc("OggS"),
  Buffer.from([0, 2]),
  Buffer.alloc(8),
  Buffer.from([1, 0, 0, 0]),
  Buffer.alloc(8),
  Buffer.from([1, 30]),
  enc("\x01vorbis"),
  Buffer.alloc(23),
]);

/** Sample bytes per format and the MIME type and extension they must be recognised as. */
export const signatures = {
  png: { bytes: pad(png), mimeType: "image/png", extension: "png" },
  jpeg: { bytes: pad(jpeg), mimeType: "image/jpeg", extension: "jpg" },
  webp: { bytes: pad(webp), mimeType: "image/webp", extension: "webp" },
  gif: { bytes: pad(gif), mimeType: "image/gif", extension: "gif" },
  pdf: { bytes: pad(pdf), mimeType: "application/pdf", extension: "pdf" },
  zip: { bytes: pad(zip), mimeType: "application/zip", extension: "zip" },
  mp4: { bytes: pad(mp4), mimeType: "video/mp4", extension: "mp4" },
  ogg: { bytes: pad(ogg), mimeType: "audio/ogg", extension: "ogg" },
} as const;
