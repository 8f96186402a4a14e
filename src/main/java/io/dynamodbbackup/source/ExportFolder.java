package io.dynamodbbackup.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.store.ObjectSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout AWS Export to S3 writes under {@code AWSDynamoDB/<export-id>/}: {@code
 * manifest-summary.json}, {@code manifest-files.json} (JSON Lines, one data file each, with its
 * item count and the Base64 MD5 of its bytes) and {@code data/*.json.gz}. Data files are found
 * beside the manifest by name, so a copied or downloaded export folder reads the same.
 */
final class ExportFolder {

  static final String FILES_MANIFEST = "manifest-files.json";
  static final String SUMMARY = "manifest-summary.json";

  private final String folder;
  private final List<DataFile> files;
  private final String tableName;
  private final long itemCount;

  private ExportFolder(String folder, List<DataFile> files, String tableName, long itemCount) {
    this.folder = folder;
    this.files = files;
    this.tableName = tableName;
    this.itemCount = itemCount;
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
    String tableName = null;
    Optional<byte[]> summary = source.readIfPresent(child(folder, SUMMARY));
    if (summary.isPresent()) {
      JsonNode s = parse(mapper, summary.get(), source.uri(child(folder, SUMMARY)));
      String outputFormat = s.path("outputFormat").asText("DYNAMODB_JSON");
      if (!outputFormat.equals("DYNAMODB_JSON")) {
        throw new IOException(
            source.uri(child(folder, SUMMARY))
                + ": export format "
                + outputFormat
                + " is not supported; export again with DYNAMODB_JSON");
      }
      String arn = s.path("tableArn").asText("");
      int at = arn.indexOf(":table/");
      tableName = at < 0 ? null : arn.substring(at + ":table/".length()).split("/")[0];
    }
    String filesUri = source.uri(filesKey);
    List<DataFile> files = new ArrayList<>();
    long total = 0;
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
      String name = dataKey.substring(dataKey.lastIndexOf('/') + 1);
      files.add(
          new DataFile(
              child(folder, "data/" + name),
              FileFormat.DYNAMODB_JSON,
              count.asLong(),
              "MD5",
              md5,
              filesUri));
      total += count.asLong();
    }
    return Optional.of(new ExportFolder(folder, List.copyOf(files), tableName, total));
  }

  String folder() {
    return folder;
  }

  List<DataFile> files() {
    return files;
  }

  /** The exported table's name from the summary's table ARN, or null. */
  String tableName() {
    return tableName;
  }

  long itemCount() {
    return itemCount;
  }

  static String child(String folder, String name) {
    return folder.isEmpty() ? name : folder + "/" + name;
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
