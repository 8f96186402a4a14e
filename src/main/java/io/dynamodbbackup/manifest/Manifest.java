package io.dynamodbbackup.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dynamodbbackup.schema.TableSchema;
import java.time.Instant;

/**
 * Written beside a data object once that object is complete; a data object without one is
 * incomplete by definition. Counts and the checksum describe the stored bytes exactly.
 *
 * @param formatVersion the version of this manifest's own layout
 * @param sha256 lowercase hex SHA-256 of the stored (possibly compressed) bytes
 * @param format {@code csv} or {@code dynamodb-json}
 * @param encoding {@code json} or {@code base64} (csv only)
 * @param compression {@code none}, {@code gzip} or {@code zstd}
 * @param storedEtag the ETag the store reported for the data object, or null (a local file)
 * @param storedChecksum the whole-object checksum the store confirmed, as {@code ALGORITHM:value}
 *     ({@code CRC32C:...} on Amazon S3, {@code MD5:...} from an MD5-form ETag), or null where the
 *     store keeps none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    int formatVersion,
    String tool,
    String toolVersion,
    String tableName,
    String tableArn,
    String region,
    Instant startedAt,
    Instant finishedAt,
    long itemCount,
    long byteCount,
    String sha256,
    String format,
    String encoding,
    String compression,
    String dataKey,
    int segments,
    double consumedReadCapacity,
    TableSchema table,
    String storedEtag,
    String storedChecksum) {

  public static final int FORMAT_VERSION = 1;
  public static final String TOOL = "dynamodb-backup";

  public Manifest {
    if (formatVersion < 1) {
      throw new IllegalArgumentException("formatVersion must be 1 or more, was " + formatVersion);
    }
    BackupKey.requireNonBlank("tableName", tableName);
    if (itemCount < 0 || byteCount < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: items " + itemCount + ", bytes " + byteCount);
    }
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, was " + sha256);
    }
  }
}
