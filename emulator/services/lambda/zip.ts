// A small zip reader (stored and deflate entries, no zip64, no encryption): enough for Lambda
// deployment packages, which AWS also requires to be plain zip archives. Writing is
// services/lambdas/zip.ts, the one zip writer in the project.
// https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT
import { inflateRawSync } from "node:zlib";
import { zip } from "../../../services/lambdas/zip.ts";

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipError extends Error {}

/** Reads every file entry. Rejects archives that are not zips, are truncated or escape their root. */
export function readZip(zip: Buffer, maxUnzippedBytes = Number.POSITIVE_INFINITY): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("not a zip archive (no end of central directory)");
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  if (p === 0xffffffff || count === 0xffff) throw new ZipError("zip64 archives are not supported");
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) throw new ZipError("corrupt central directory");
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLen).replaceAll("\\", "/");
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (name.startsWith("/") || name.split("/").includes("..")) throw new ZipError(`entry ${name} escapes the archive root`);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL) throw new ZipError(`corrupt local header for ${name}`);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(start, start + compressedSize);
    if (raw.length !== compressedSize) throw new ZipError(`truncated entry ${name}`);
    total += size;
    if (total > maxUnzippedBytes) throw new ZipError(`unzipped size exceeds ${maxUnzippedBytes} bytes`);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      } catch (e) {
        throw new ZipError(`cannot inflate ${name}: ${(e as Error).message}`);
      }
    } else throw new ZipError(`entry ${name} uses unsupported compression method ${method}`);
    if (data.length !== size) throw new ZipError(`entry ${name} has the wrong size`);
    entries.push({ name, data });
  }
  return entries;
}

/** Writes a deflate zip (inline code, tests) with the same writer that bundles the lab's Lambdas. */
export function writeZip(files: Record<string, string | Buffer>): Buffer {
  return zip(Object.entries(files).map(([name, data]) => ({ name, data })));
}
