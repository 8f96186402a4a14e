package io.dynamodbbackup.store;

/**
 * What an S3 implementation can be trusted with. Amazon S3 verifies flexible checksums and honours
 * conditional writes; S3-compatible stores differ, but all verify {@code Content-MD5}.
 */
public enum S3Dialect {
  /**
   * Amazon S3: every part carries {@code x-amz-checksum-crc32c}, the object's composite CRC32C is
   * read back with HeadObject, and writes are conditional ({@code If-None-Match: *}).
   */
  AWS,
  /**
   * Any other store: every part carries {@code Content-MD5}, the ETag read back with HeadObject is
   * compared where it has the MD5 form, and keys are kept apart by checking before writing.
   */
  COMPATIBLE
}
