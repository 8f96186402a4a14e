package io.dynamodbbackup.format;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Typed DynamoDB JSON, the wire shape {@code {"id":{"S":"a"}}}, written with Jackson's streaming
 * API ({@link ItemJsonReader} reads it). Numbers stay the strings DynamoDB returned; binary is
 * standard padded Base64.
 */
public final class ItemJson {

  /**
   * The one factory of this package. Its output matches JavaScript's {@code JSON.stringify}:
   * lower-case hex in {@code \}{@code u00xx} escapes, characters outside the BMP as UTF-8.
   * Generators never close or flush the caller's stream.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
          // Emoji and other astral characters as 4 UTF-8 bytes, not as two \\u escapes.
          .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          // Attribute names are user data; interning them would only grow the JVM's string pool.
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .build();

  private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS;

  private ItemJson() {}

  /** The shared factory configured as this package writes and reads. */
  public static JsonFactory factory() {
    return FACTORY;
  }

  /** Writes {@code item} as one typed-JSON object, attributes in the map's iteration order. */
  public static void write(Map<String, AttributeValue> item, JsonGenerator g) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      g.writeFieldName(attribute.getKey());
      writeValue(attribute.getKey(), attribute.getValue(), g);
    }
    g.writeEndObject();
  }

  /** The typed JSON of {@code item} as UTF-8 bytes, without a line end. */
  public static byte[] toBytes(Map<String, AttributeValue> item) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator g = FACTORY.createGenerator(bytes)) {
      write(item, g);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static void writeValue(String name, AttributeValue value, JsonGenerator g)
      throws IOException {
    if (value == null) {
      throw new IllegalArgumentException("attribute \"" + name + "\" has a null value");
    }
    AttributeValue.Type type = value.type();
    if (type == null || type == AttributeValue.Type.UNKNOWN_TO_SDK_VERSION) {
      throw new IllegalArgumentException(
          "attribute \"" + name + "\" must have exactly one type set: " + value);
    }
    g.writeStartObject();
    switch (type) {
      case S:
        g.writeStringField("S", value.s());
        break;
      case N:
        g.writeStringField("N", value.n());
        break;
      case B:
        g.writeFieldName("B");
        writeBinary(value.b(), g);
        break;
      case BOOL:
        g.writeBooleanField("BOOL", value.bool());
        break;
      case NUL:
        g.writeBooleanField("NULL", value.nul());
        break;
      case L:
        g.writeArrayFieldStart("L");
        for (AttributeValue element : value.l()) {
          writeValue(name, element, g);
        }
        g.writeEndArray();
        break;
      case M:
        g.writeFieldName("M");
        write(value.m(), g);
        break;
      case SS:
        writeStrings("SS", value.ss(), g);
        break;
      case NS:
        writeStrings("NS", value.ns(), g);
        break;
      case BS:
        g.writeArrayFieldStart("BS");
        for (SdkBytes element : value.bs()) {
          writeBinary(element, g);
        }
        g.writeEndArray();
        break;
      default:
        throw new IllegalArgumentException("attribute \"" + name + "\" has type " + type);
    }
    g.writeEndObject();
  }

  private static void writeStrings(String tag, Collection<String> strings, JsonGenerator g)
      throws IOException {
    g.writeArrayFieldStart(tag);
    for (String s : strings) {
      g.writeString(s);
    }
    g.writeEndArray();
  }

  private static void writeBinary(SdkBytes bytes, JsonGenerator g) throws IOException {
    // asByteArrayUnsafe: no copy; Jackson only reads it.
    byte[] raw = bytes.asByteArrayUnsafe();
    g.writeBinary(BASE64, raw, 0, raw.length);
  }
}
