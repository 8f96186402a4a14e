package io.dynamodbbackup.format;

/** The encoder for each line format; see {@code docs/FORMATS.md}. */
public final class ItemEncoders {

  private static final ItemEncoder QUOTED_CSV = new QuotedCsvEncoder();
  private static final ItemEncoder BASE64_CSV = new Base64CsvEncoder();
  private static final ItemEncoder EXPORT_LINE = new ExportLineEncoder();

  private ItemEncoders() {}

  /**
   * The encoder for {@code format}. {@code base64} selects the original tool's final CSV line
   * (Base64 of the typed JSON) over the quoted-JSON CSV line; DYNAMODB_JSON has no Base64 form.
   */
  public static ItemEncoder of(FileFormat format, boolean base64) {
    switch (format) {
      case CSV:
        return base64 ? BASE64_CSV : QUOTED_CSV;
      case DYNAMODB_JSON:
        if (base64) {
          throw new IllegalArgumentException(
              "Base64 lines exist only in the csv format, not in dynamodb-json");
        }
        return EXPORT_LINE;
      default:
        throw new IllegalArgumentException("no encoder for " + format);
    }
  }
}
