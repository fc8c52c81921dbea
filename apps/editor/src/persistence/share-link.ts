/**
 * Share a model through the URL: the document's JSON, deflated (fflate) and base64url-encoded
 * into the hash as `#model=…`. The hash never reaches a server.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { ModelDocument } from '../model.js';
import { readDocumentText, type ReadResult } from './read-document.js';

export const shareHashKey = 'model';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The URL hash (with its `#`) that carries `doc`. */
export function encodeShareHash(doc: ModelDocument): string {
  return `#${shareHashKey}=${toBase64Url(deflateSync(strToU8(JSON.stringify(doc)), { level: 9 }))}`;
}

/** The document in a hash made by `encodeShareHash`; null when the hash carries no model at all. */
export function decodeShareHash(hash: string): ReadResult | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const payload = params.get(shareHashKey);
  if (payload === null) return null;
  let text: string;
  try {
    text = strFromU8(inflateSync(fromBase64Url(payload)));
  } catch {
    return {
      ok: false,
      error: 'The shared link is damaged: its model data could not be decompressed.',
    };
  }
  return readDocumentText(text, 'The shared link');
}
