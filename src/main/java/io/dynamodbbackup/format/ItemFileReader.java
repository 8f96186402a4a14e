package io.dynamodbbackup.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the items of an uncompressed backup file, one a line, in every shape described in {@code
 * docs/FORMATS.md}: quoted-CSV JSON, Base64, raw typed JSON and {@code {"Item":{...}}} export
 * lines, with LF or CRLF ends and with or without a final line end. Blank lines may only trail the
 * last item. Anything else throws {@link CorruptBackupException} naming the source and line. Not
 * thread-safe: one reader per file.
 */
public final class ItemFileReader extends LineRecordReader<Map<String, AttributeValue>>
    implements ItemReader {

  /** How the JSON of a line is read. */
  private enum JsonShape {
    /** A typed-JSON item. */
    ITEM,
    /** {@code {"Item":<item>}}. */
    EXPORT,
    /** EXPORT if it looks like one and parses as one, else ITEM; see docs/FORMATS.md. */
    DETECT
  }

  /** The length of {@code {"Item":}. */
  private static final int EXPORT_PREFIX = 8;

  private final FileFormat format;
  private final JsonShape jsonShape;
  private long firstBlankLine;

  /** Where the current line's JSON is, once decoded. */
  private int jsonStart;

  private int jsonLength;
  private String jsonWhere;

  /**
   * @param uncompressedBytes the file after {@link Compression#decompress}; closed by {@link
   *     #close()}
   * @param sourceName how errors name the file, for example its S3 URI
   * @param formatOrNullToDetect CSV (quoted, Base64 or raw typed-JSON lines), DYNAMODB_JSON (export
   *     lines only), or null to recognise each line by its first byte
   */
  public ItemFileReader(
      InputStream uncompressedBytes, String sourceName, FileFormat formatOrNullToDetect) {
    super(uncompressedBytes, sourceName);
    this.format = formatOrNullToDetect;
    this.jsonShape =
        format == null
            ? JsonShape.DETECT
            : format == FileFormat.DYNAMODB_JSON ? JsonShape.EXPORT : JsonShape.ITEM;
  }

  /** The next item, in its attributes' order on the line, or null after the last. */
  @Override
  public Map<String, AttributeValue> next() throws IOException {
    return nextLine() ? decodeLine() : null;
  }

  /**
   * The next item as strict typed JSON with its key, or null after the last. A line that already
   * holds strict typed JSON (every line this tool writes) is copied as it is; any other shape is
   * read in full, repaired where docs/FORMATS.md says how, and written anew.
   *
   * @param keyNames the UTF-8 names of the table's key attributes ({@link ItemBytes#names})
   */
  public ItemBytes nextBytes(byte[][] keyNames) throws IOException {
    if (!nextLine()) {
      return null;
    }
    decode();
    byte[] b = lines.buffer();
    ItemBytes strict = strictItem(b, jsonStart, jsonLength, keyNames);
    if (strict == null) {
      byte[] json = ItemJson.toBytes(parseJson(b, jsonStart, jsonLength, jsonShape, jsonWhere));
      strict = ItemBytes.of(json, keyNames);
    }
    return strict;
  }

  /** The item if the JSON is strict typed JSON, or an export line around it; else null. */
  private ItemBytes strictItem(byte[] b, int off, int len, byte[][] keyNames) {
    if (jsonShape != JsonShape.ITEM && startsWithItemKey(b, off, len) && b[off + len - 1] == '}') {
      // Of an export line and an item with an attribute named Item, at most one is strict.
      ItemBytes inner = strictSpan(b, off + EXPORT_PREFIX, len - EXPORT_PREFIX - 1, keyNames);
      if (inner != null || jsonShape == JsonShape.EXPORT) {
        return inner;
      }
    }
    return jsonShape == JsonShape.EXPORT ? null : strictSpan(b, off, len, keyNames);
  }

  private static ItemBytes strictSpan(byte[] b, int off, int len, byte[][] keyNames) {
    int[] spans = StrictItemJson.scan(b, off, len, keyNames);
    return spans == null
        ? null
        : new ItemBytes(Arrays.copyOfRange(b, off, off + len), ItemBytes.key(b, spans));
  }

  private boolean nextLine() throws IOException {
    while (lines.next()) {
      if (isBlank()) {
        if (firstBlankLine == 0) {
          firstBlankLine = lines.lineNumber();
        }
        continue;
      }
      if (firstBlankLine != 0) {
        throw corrupt(firstBlankLine, "blank line between items", null);
      }
      return true;
    }
    return false;
  }

  private Map<String, AttributeValue> decodeLine() throws CorruptBackupException {
    decode();
    return parseJson(lines.buffer(), jsonStart, jsonLength, jsonShape, jsonWhere);
  }

  /**
   * Finds the line's JSON, undoing CSV quoting or Base64 in place: sets {@link #jsonStart}, {@link
   * #jsonLength} and {@link #jsonWhere}.
   */
  private void decode() throws CorruptBackupException {
    byte[] b = lines.buffer();
    int off = lines.lineStart();
    int len = lines.lineLength();
    byte first = b[off];
    jsonStart = off;
    if (first == '{') {
      jsonLength = len;
      jsonWhere = "";
      return;
    }
    if (format == FileFormat.DYNAMODB_JSON) {
      throw corrupt(
          lines.lineNumber(), "expected a {\"Item\":{...}} line, as format is dynamodb-json", null);
    }
    if (first == '"') {
      jsonLength = unquote(b, off, len);
      jsonWhere = " in the quoted CSV field";
      return;
    }
    try {
      jsonLength = Base64InPlace.decode(b, off, len);
    } catch (IllegalArgumentException e) {
      throw corrupt(lines.lineNumber(), "invalid Base64: " + e.getMessage(), e);
    }
    jsonWhere = " in the Base64-decoded JSON";
  }

  /** Undoes RFC 4180 quoting in place and returns the length of the field's content. */
  private int unquote(byte[] b, int off, int len) throws CorruptBackupException {
    int end = off + len;
    int w = off;
    for (int i = off + 1; i < end; i++) {
      if (b[i] != '"') {
        b[w++] = b[i];
      } else if (i + 1 < end && b[i + 1] == '"') {
        b[w++] = '"';
        i++;
      } else if (i + 1 == end) {
        return w - off;
      } else {
        throw corrupt(
            lines.lineNumber(),
            "unexpected text after the closing quote of the CSV field at column " + (i - off + 2),
            null);
      }
    }
    throw corrupt(lines.lineNumber(), "unterminated CSV quote", null);
  }

  private Map<String, AttributeValue> parseJson(
      byte[] b, int off, int len, JsonShape shape, String where) throws CorruptBackupException {
    try {
      switch (shape) {
        case ITEM:
          return parseItem(b, off, len);
        case EXPORT:
          return parseExportLine(b, off, len);
        default:
          return detectAndParse(b, off, len);
      }
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      String column = location == null ? "" : " at column " + location.getColumnNr();
      throw corrupt(
          lines.lineNumber(),
          "invalid item JSON" + where + column + ": " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      // Parsing bytes in memory does no I/O; anything else is still malformed content.
      throw corrupt(lines.lineNumber(), "invalid item JSON" + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * An object whose first key is {@code Item} is tried as an export line first and as an item with
   * an attribute named Item second. At most one of the two can succeed (docs/FORMATS.md shows why),
   * so the order changes only which error is reported when both fail.
   */
  private static Map<String, AttributeValue> detectAndParse(byte[] b, int off, int len)
      throws IOException {
    if (!startsWithItemKey(b, off, len)) {
      return parseItem(b, off, len);
    }
    try {
      return parseExportLine(b, off, len);
    } catch (JsonProcessingException asExportLine) {
      try {
        return parseItem(b, off, len);
      } catch (JsonProcessingException asItem) {
        asExportLine.addSuppressed(asItem);
        throw asExportLine;
      }
    }
  }

  private static boolean startsWithItemKey(byte[] b, int off, int len) {
    int end = off + len;
    int i = off + 1; // past '{'
    while (i < end && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return end - i >= 6
        && b[i] == '"'
        && b[i + 1] == 'I'
        && b[i + 2] == 't'
        && b[i + 3] == 'e'
        && b[i + 4] == 'm'
        && b[i + 5] == '"';
  }

  private static Map<String, AttributeValue> parseItem(byte[] b, int off, int len)
      throws IOException {
    try (JsonParser p = ItemJson.FACTORY.createParser(b, off, len)) {
      Map<String, AttributeValue> item = ItemJsonReader.read(p);
      ItemJsonReader.requireEnd(p);
      return item;
    }
  }

  private static Map<String, AttributeValue> parseExportLine(byte[] b, int off, int len)
      throws IOException {
    try (JsonParser p = ItemJson.FACTORY.createParser(b, off, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT || !"Item".equals(p.nextFieldName())) {
        throw ItemJsonReader.error(p, "expected {\"Item\":{...}}");
      }
      p.nextToken();
      Map<String, AttributeValue> item = ItemJsonReader.read(p);
      if (p.nextToken() != JsonToken.END_OBJECT) {
        throw ItemJsonReader.error(p, "unexpected key \"" + p.currentName() + "\" beside \"Item\"");
      }
      ItemJsonReader.requireEnd(p);
      return item;
    }
  }

  private CorruptBackupException corrupt(long line, String what, Throwable cause) {
    return new CorruptBackupException(sourceName, line, what, cause);
  }
}
