/**
 * @module
 * Reads the central directory of a ZIP archive (PKWARE APPNOTE 4.3.12–4.3.16) without decompressing
 * anything: the entry names, sizes and where each entry's data lies. Enough to tell an Office Open XML file
 * (DOCX, XLSX) from any other ZIP by its parts. Malformed archives give `undefined`, never an exception.
 */

export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated; anything else we do not read. */
  method: number;
  compressedSize: number;
  size: number;
  /** Bit 0 of the general-purpose flags: the entry is encrypted. */
  encrypted: boolean;
  /** Offset of the entry's local file header. */
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const EOCD_MAX_DISTANCE = 22 + 0xffff;
/** More entries than any real document has: refuse rather than walk a hostile directory. */
const MAX_ENTRIES = 10_000;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

function endOfCentralDirectory(bytes: Uint8Array): number | undefined {
  const last = bytes.length - 22;
  const first = Math.max(0, bytes.length - EOCD_MAX_DISTANCE);
  for (let at = last; at >= first; at--) if (u32(bytes, at) === EOCD_SIGNATURE) return at;
  return undefined;
}

const names = new TextDecoder('utf-8', { fatal: false });

/** The archive's entries from its central directory, or `undefined` when it is not a readable ZIP. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  if (bytes.length < 22) return undefined;
  const eocd = endOfCentralDirectory(bytes);
  if (eocd === undefined) return undefined;
  const count = u16(bytes, eocd + 10);
  const directorySize = u32(bytes, eocd + 12);
  const directoryOffset = u32(bytes, eocd + 16);
  // ZIP64 archives (0xffff entries or 0xffffffff offsets) are far beyond the size of an attachment.
  if (count > MAX_ENTRIES || directoryOffset + directorySize > eocd) return undefined;
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL_SIGNATURE) return undefined;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    if (at + 46 + nameLength > eocd) return undefined;
    entries.push({
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      encrypted: (u16(bytes, at + 8) & 1) === 1,
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localHeaderOffset: u32(bytes, at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's (possibly compressed) data starts, from its local header; `undefined` if malformed. */
export function entryDataOffset(bytes: Uint8Array, entry: ZipEntry): number | undefined {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_SIGNATURE) return undefined;
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  return start + entry.compressedSize <= bytes.length ? start : undefined;
}
