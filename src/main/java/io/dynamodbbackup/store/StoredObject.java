package io.dynamodbbackup.store;

/**
 * What the store confirmed holding after an object was written.
 *
 * @param bytes the stored length, as the store reported it
 * @param etag the store's ETag without quotes, or null where there is none (a local file)
 * @param checksum the store's whole-object checksum as {@code ALGORITHM:value} (for example {@code
 *     CRC32C:yZRlqg==-3} for three parts), or null where the store keeps none
 */
public record StoredObject(long bytes, String etag, String checksum) {}
