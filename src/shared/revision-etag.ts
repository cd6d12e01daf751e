/**
 * The ETag of a record that counts its revisions (an RFP, a proposal): `"<id>-r<revision>"`.
 * The server answers it on reads and changes; a client sends it back in If-Match with an
 * edit, so an edit made on a stale read is refused (412) instead of overwriting.
 */
export function revisionEtag(id: string, revision: number): string {
  return `"${id}-r${revision}"`;
}
