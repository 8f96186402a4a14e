package io.dynamodbbackup.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dynamodbbackup.schema.TableSchema;
import java.time.Instant;
import java.util.List;

/**
 * Written beside an AWS Export to S3 that this tool drove, once the export completed and its files
 * were checked; an export folder without one is not a complete backup of this tool. It records what
 * AWS leaves out: the table's full schema, the files with their checksums and counts, and where the
 * export sits in a chain of incremental exports.
 *
 * @param engine always {@code export}; tells this manifest from a Scan backup's
 * @param exportType {@code FULL_EXPORT} or {@code INCREMENTAL_EXPORT}
 * @param exportTime the moment the table's state is exported at: a full export's point in time, an
 *     incremental export's exclusive window end
 * @param exportFromTime an incremental export's inclusive window start, else null
 * @param exportFolder the key prefix of AWS's {@code AWSDynamoDB/<export-id>/} folder, or of the
 *     export prefix when AWS's own manifests were not found
 * @param verified whether AWS's {@code manifest-files.json} listed the files with their MD5s and
 *     counts; false when the files were found by listing (moto, or a store that lost the manifests)
 * @param unverifiedReason why the files could not be checked against AWS's manifest, or null
 * @param itemCount the items (change records for an incremental export) AWS's manifest lists, or
 *     else DescribeExport's count, or null where neither gives one
 * @param base an incremental export's chain base: the manifest key of the full export, else null
 * @param previous an incremental export's previous link: the manifest key of the export whose
 *     window it continues (the base or another link), else null
 * @param table the table's schema at the time of the export
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExportManifest(
    int formatVersion,
    String tool,
    String toolVersion,
    String engine,
    String tableName,
    String tableArn,
    String region,
    Instant startedAt,
    Instant finishedAt,
    String exportArn,
    String exportType,
    Instant exportTime,
    Instant exportFromTime,
    String exportFolder,
    boolean verified,
    String unverifiedReason,
    Long itemCount,
    long byteCount,
    List<File> files,
    String base,
    String previous,
    TableSchema table) {

  public static final String ENGINE = "export";
  public static final String FULL = "FULL_EXPORT";
  public static final String INCREMENTAL = "INCREMENTAL_EXPORT";

  public ExportManifest {
    if (formatVersion < 1) {
      throw new IllegalArgumentException("formatVersion must be 1 or more, was " + formatVersion);
    }
    if (!ENGINE.equals(engine)) {
      throw new IllegalArgumentException("engine must be " + ENGINE + ", was " + engine);
    }
    BackupKey.requireNonBlank("tableName", tableName);
    BackupKey.requireNonBlank("exportArn", exportArn);
    if (!FULL.equals(exportType) && !INCREMENTAL.equals(exportType)) {
      throw new IllegalArgumentException(
          "exportType must be " + FULL + " or " + INCREMENTAL + ", was " + exportType);
    }
    if (exportTime == null) {
      throw new IllegalArgumentException("exportTime must be set");
    }
    boolean incremental = INCREMENTAL.equals(exportType);
    if (incremental != (exportFromTime != null) || incremental != (previous != null)) {
      throw new IllegalArgumentException(
          "exportFromTime and previous go with an incremental export only, were "
              + exportFromTime
              + " and "
              + previous
              + " for "
              + exportType);
    }
    if (exportFromTime != null && !exportFromTime.isBefore(exportTime)) {
      throw new IllegalArgumentException(
          "the window must end after it starts, was " + exportFromTime + " to " + exportTime);
    }
    if (verified != (unverifiedReason == null)) {
      throw new IllegalArgumentException(
          "an unverified export needs a reason and a verified one none, was " + unverifiedReason);
    }
    if ((itemCount != null && itemCount < 0) || byteCount < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative: items " + itemCount + ", bytes " + byteCount);
    }
    files = List.copyOf(files);
  }

  /** Whether this export holds change records (an incremental export) rather than items. */
  public boolean incremental() {
    return INCREMENTAL.equals(exportType);
  }

  /**
   * One data file of the export.
   *
   * @param key the object's key in the bucket
   * @param itemCount its items (or change records), as AWS's manifest lists them, or null
   * @param md5 the Base64 MD5 of its stored bytes, as AWS's manifest lists it, or null
   * @param etag the ETag AWS's manifest lists, or else the store's, or null
   * @param bytes its size as the store reported it
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record File(String key, Long itemCount, String md5, String etag, long bytes) {
    public File {
      BackupKey.requireNonBlank("key", key);
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes must not be negative, was " + bytes);
      }
    }
  }
}
