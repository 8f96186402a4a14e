package io.dynamodbbackup.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;

/**
 * The checkpoint of a running backup: what its object's store holds (the upload and its parts 1 to
 * n) and, for each segment, the key after the last page whose items are all inside those parts.
 * Written while the backup runs, replaced whole at each checkpoint, deleted when it succeeds; read
 * by {@code backup --resume} and by {@code list}.
 *
 * @param table the table backed up
 * @param dataKey the data object's key
 * @param format {@code csv} or {@code dynamodb-json}
 * @param encoding {@code json} or {@code base64}
 * @param compression {@code none}, {@code gzip} or {@code zstd}
 * @param finalNewline whether the last line ends with a line feed
 * @param segments the scan's total segments
 * @param partSize the size of the first parts
 * @param maxPartSize the largest part
 * @param partsPerStep parts written at one size before it doubles
 * @param uploadId the multipart upload, or null before one was created (and for a local file)
 * @param parts the parts stored, 1 to n
 * @param progress the segments with items in those parts
 * @param items the items in those parts
 * @param bytes the bytes in those parts
 * @param consumedReadCapacity read capacity consumed by the runs so far
 * @param updatedAt when this checkpoint was written, ISO-8601
 */
public record BackupState(
    int formatVersion,
    String table,
    String dataKey,
    String format,
    String encoding,
    String compression,
    boolean finalNewline,
    int segments,
    int partSize,
    int maxPartSize,
    int partsPerStep,
    String uploadId,
    List<Part> parts,
    List<Segment> progress,
    long items,
    long bytes,
    double consumedReadCapacity,
    String updatedAt) {

  public static final int FORMAT_VERSION = 1;

  /**
   * One stored part.
   *
   * @param checksum {@code CRC32C:<base64>} or {@code MD5:<base64>}, or null for a local file
   */
  public record Part(int number, long bytes, String etag, String checksum) {}

  /**
   * How far one segment's items are stored.
   *
   * @param items the segment's items in the stored parts
   * @param nextKey the typed-JSON key its scan goes on after; {@code {}} when it is finished
   */
  public record Segment(int segment, long items, JsonNode nextKey) {

    public boolean finished() {
      return nextKey.isEmpty();
    }
  }

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public BackupState {
    if (table == null || dataKey == null || format == null || compression == null) {
      throw new IllegalArgumentException(
          "a backup state names its table, key, format and compression, was "
              + table
              + ", "
              + dataKey
              + ", "
              + format
              + ", "
              + compression);
    }
    if (segments < 1) {
      throw new IllegalArgumentException("a backup state needs segments, was " + segments);
    }
    parts = parts == null ? List.of() : List.copyOf(parts);
    progress = progress == null ? List.of() : List.copyOf(progress);
    for (Segment s : progress) {
      if (s.segment() < 0 || s.segment() >= segments || s.nextKey() == null) {
        throw new IllegalArgumentException(
            "segment " + s.segment() + " of " + segments + " has no key to go on from");
      }
    }
  }

  /** Segments whose every item is stored. */
  public long finishedSegments() {
    return progress.stream().filter(Segment::finished).count();
  }

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the backup state of " + dataKey, e);
    }
  }

  /**
   * Parses a backup state.
   *
   * @param where names the state in the error message
   */
  public static BackupState parse(byte[] json, String where) throws IOException {
    try {
      BackupState state = JSON.readValue(json, BackupState.class);
      if (state.formatVersion() != FORMAT_VERSION) {
        throw new IOException(
            where + " has formatVersion " + state.formatVersion() + ", this tool reads 1");
      }
      return state;
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(where + " is not a backup state of this tool: " + e.getMessage(), e);
    }
  }
}
