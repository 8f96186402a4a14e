package io.dynamodbbackup.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.store.ObjectSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout AWS Export to S3 writes under {@code AWSDynamoDB/<export-id>/}: {@code
 * manifest-summary.json}, {@code manifest-files.json} (JSON Lines, one data file each, with its
 * item count and the Base64 MD5 of its bytes) and {@code data/*.json.gz}; an incremental export's
 * data files may sit in the {@code AWSDynamoDB/data/} folder its exports share. Data files are
 * found beside the manifest by name, so a copied or downloaded export folder reads the same.
 */
final class ExportFolder {

  static final String FILES_MANIFEST = "manifest-files.json";
  static final String SUMMARY = "manifest-summary.json";
  private static final String SHARED_DATA = "AWSDynamoDB/data/";

  /** One line of {@code manifest-files.json}, with the data file's key resolved. */
  record Entry(String key, long itemCount, String md5, String etag) {}

  /** What {@code manifest-summary.json} says; any of it may be null. */
  record Summary(
      String exportArn,
      String tableArn,
      String exportType,
      Instant exportTime,
      Instant exportFromTime,
      Instant exportToTime) {

    boolean incremental() {
      return "INCREMENTAL_EXPORT".equals(exportType);
    }
  }

  private final String folder;
  private final List<Entry> entries;
  private final Summary summary;

  private ExportFolder(String folder, List<Entry> entries, Summary summary) {
    this.folder = folder;
    this.entries = entries;
    this.summary = summary;
  }

  /** Reads the export folder at {@code key}, or empty when {@code key} is not one. */
  static Optional<ExportFolder> read(ObjectSource source, String key) throws IOException {
    String folder = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    String filesKey = child(folder, FILES_MANIFEST);
    Optional<byte[]> lines = source.readIfPresent(filesKey);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    ObjectMapper mapper = new ObjectMapper();
    Summary summary = new Summary(null, null, null, null, null, null);
    Optional<byte[]> summaryBytes = source.readIfPresent(child(folder, SUMMARY));
    if (summaryBytes.isPresent()) {
      String where = source.uri(child(folder, SUMMARY));
      JsonNode s = parse(mapper, summaryBytes.get(), where);
      String outputFormat = s.path("outputFormat").asText("DYNAMODB_JSON");
      if (!outputFormat.equals("DYNAMODB_JSON")) {
        throw new IOException(
            where
                + ": export format "
                + outputFormat
                + " is not supported; export again with"
                + " DYNAMODB_JSON");
      }
      summary =
          new Summary(
              text(s, "exportArn"),
              text(s, "tableArn"),
              text(s, "exportType"),
              time(s, "exportTime", where),
              time(s, "exportFromTime", where),
              time(s, "exportToTime", where));
    }
    String filesUri = source.uri(filesKey);
    List<Entry> entries = new ArrayList<>();
    int lineNumber = 0;
    for (String line : new String(lines.get(), StandardCharsets.UTF_8).split("\n")) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode entry =
          parse(mapper, line.getBytes(StandardCharsets.UTF_8), filesUri + ":" + lineNumber);
      String dataKey = entry.path("dataFileS3Key").asText(null);
      JsonNode count = entry.get("itemCount");
      String md5 = entry.path("md5Checksum").asText(null);
      if (dataKey == null || count == null || !count.canConvertToLong() || md5 == null) {
        throw new IOException(
            filesUri
                + ":"
                + lineNumber
                + ": expected itemCount, md5Checksum and dataFileS3Key, found "
                + line.strip());
      }
      entries.add(new Entry(dataKey(folder, dataKey), count.asLong(), md5, text(entry, "etag")));
    }
    return Optional.of(new ExportFolder(folder, List.copyOf(entries), summary));
  }

  /**
   * Where a listed data file is: in this folder's {@code data/}, or for a file in the shared {@code
   * AWSDynamoDB/data/} folder, in the {@code data/} folder beside this one.
   */
  private static String dataKey(String folder, String listed) {
    String name = listed.substring(listed.lastIndexOf('/') + 1);
    int parentEnd = folder.lastIndexOf('/');
    if (listed.contains(SHARED_DATA) && parentEnd > 0) {
      return folder.substring(0, parentEnd) + "/data/" + name;
    }
    return child(folder, "data/" + name);
  }

  String folder() {
    return folder;
  }

  List<Entry> entries() {
    return entries;
  }

  Summary summary() {
    return summary;
  }

  /** The data files to read, each with the MD5 and count the manifest lists. */
  List<DataFile> files() {
    String recordedBy = child(folder, FILES_MANIFEST);
    return entries.stream()
        .map(
            e ->
                new DataFile(
                    e.key(),
                    FileFormat.DYNAMODB_JSON,
                    e.itemCount(),
                    "MD5",
                    e.md5(),
                    recordedBy,
                    summary.incremental() ? DataFile.Layout.CHANGES : DataFile.Layout.LINES))
        .toList();
  }

  /** The exported table's name from the summary's table ARN, or null. */
  String tableName() {
    return tableName(summary.tableArn());
  }

  static String tableName(String tableArn) {
    String arn = tableArn == null ? "" : tableArn;
    int at = arn.indexOf(":table/");
    return at < 0 ? null : arn.substring(at + ":table/".length()).split("/")[0];
  }

  long itemCount() {
    return entries.stream().mapToLong(Entry::itemCount).sum();
  }

  static String child(String folder, String name) {
    return folder.isEmpty() ? name : folder + "/" + name;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Instant time(JsonNode node, String field, String where) throws IOException {
    String value = text(node, field);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IOException(where + ": " + field + " is not a time: " + value, e);
    }
  }

  private static JsonNode parse(ObjectMapper mapper, byte[] json, String where) throws IOException {
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IOException(where + ": expected a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(where + ": invalid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
