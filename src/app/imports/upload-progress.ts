/**
 * Progress of the imports running in this process, by the upload id the client chose,
 * for a client to poll while its upload request is still open. It lives in memory: a
 * server of several processes answers only on the process that runs the import, and a
 * restart forgets it (the import's own transaction is the record of what happened).
 * Entries are kept per organization, so one organization cannot read, or block, the
 * progress of another's upload by guessing its id.
 */

export interface UploadProgress {
  /** Receiving the body into a file, then importing it. */
  readonly phase: "receiving" | "importing";
  readonly rowsRead: number;
  readonly bytesRead: number;
  /** The body's declared length while receiving (null when not declared), then the file's size. */
  readonly totalBytes: number | null;
}

export class UploadProgressRegistry {
  private readonly entries = new Map<string, UploadProgress>();

  private static key(organizationId: string, uploadId: string): string {
    return JSON.stringify([organizationId, uploadId]);
  }

  /** Starts tracking an upload; false when the organization already has one running under this id. */
  start(organizationId: string, uploadId: string, totalBytes: number | null): boolean {
    const key = UploadProgressRegistry.key(organizationId, uploadId);
    if (this.entries.has(key)) return false;
    this.entries.set(key, { phase: "receiving", rowsRead: 0, bytesRead: 0, totalBytes });
    return true;
  }

  update(organizationId: string, uploadId: string, progress: UploadProgress): void {
    const key = UploadProgressRegistry.key(organizationId, uploadId);
    if (this.entries.has(key)) this.entries.set(key, progress);
  }

  read(organizationId: string, uploadId: string): UploadProgress | null {
    return this.entries.get(UploadProgressRegistry.key(organizationId, uploadId)) ?? null;
  }

  /** The upload answered (imported, refused or failed): its progress is no longer kept. */
  finish(organizationId: string, uploadId: string): void {
    this.entries.delete(UploadProgressRegistry.key(organizationId, uploadId));
  }
}
