package io.dynamodbbackup.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the records of an uncompressed AWS incremental export file, one a line: {@code
 * {"Metadata":{"WriteTimestampMicros":{"N":"..."}},"Keys":{...},"NewImage":{...},"OldImage":{...}}}
 * in any key order, {@code NewImage} absent for a delete and {@code OldImage} absent for an insert
 * or in the NEW_IMAGE view. Anything else throws {@link CorruptBackupException} naming the source
 * and line. Not thread-safe: one reader per file.
 */
public final class ChangeFileReader extends LineRecordReader<ChangeRecord> {

  /**
   * @param uncompressedBytes the file after {@link Compression#decompress}; closed by {@link
   *     #close()}
   * @param sourceName how errors name the file, for example its S3 URI
   */
  public ChangeFileReader(InputStream uncompressedBytes, String sourceName) {
    super(uncompressedBytes, sourceName);
  }

  /** The next record, or null after the last; blank lines are skipped. */
  @Override
  public ChangeRecord next() throws IOException {
    while (lines.next()) {
      if (isBlank()) {
        continue;
      }
      try (JsonParser p =
          ItemJson.FACTORY.createParser(lines.buffer(), lines.lineStart(), lines.lineLength())) {
        return parse(p);
      } catch (JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        throw new CorruptBackupException(
            sourceName,
            lines.lineNumber(),
            "invalid incremental export record"
                + (location == null ? "" : " at column " + location.getColumnNr())
                + ": "
                + e.getOriginalMessage(),
            e);
      }
    }
    return null;
  }

  private static ChangeRecord parse(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw ItemJsonReader.error(p, "expected {\"Keys\":{...},\"NewImage\":{...},...}");
    }
    Map<String, AttributeValue> keys = null;
    Map<String, AttributeValue> newImage = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      p.nextToken();
      switch (name) {
        case "Keys" -> keys = ItemJsonReader.read(p);
        case "NewImage" -> newImage = ItemJsonReader.read(p);
        case "OldImage" -> ItemJsonReader.read(p);
        case "Metadata" -> {
          if (p.currentToken() != JsonToken.START_OBJECT) {
            throw ItemJsonReader.error(p, "Metadata must be an object");
          }
          p.skipChildren();
        }
        default ->
            throw ItemJsonReader.error(
                p,
                "unexpected key \""
                    + name
                    + "\": an incremental export record holds Metadata, Keys, NewImage and"
                    + " OldImage");
      }
    }
    if (keys == null || keys.isEmpty()) {
      throw ItemJsonReader.error(p, "the record has no Keys");
    }
    ItemJsonReader.requireEnd(p);
    return new ChangeRecord(keys, newImage);
  }
}
