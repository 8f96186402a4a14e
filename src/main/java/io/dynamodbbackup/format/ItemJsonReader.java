package io.dynamodbbackup.format;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads typed DynamoDB JSON ({@link ItemJson}'s shape) with Jackson's streaming API. Also takes the
 * original tool's and dynamo-backup-to-s3's binary shapes ({@code {"type":"Buffer","data":[..]}}
 * and {@code [..]}) and AWS Data Pipeline's type names ({@code "s"}, {@code "bOOL"}, {@code "sS"},
 * ...). Invalid content throws {@link JsonParseException} with the parser's location.
 */
final class ItemJsonReader {

  private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS;

  /**
   * The type names AWS Data Pipeline's import takes, which dynamo-backup-to-s3 writes with {@code
   * --save-datapipeline-format}. No typed-JSON type is spelt so, so reading them is never
   * ambiguous.
   */
  private static final Map<String, String> DATA_PIPELINE_TAGS =
      Map.of(
          "s", "S", "n", "N", "b", "B", "m", "M", "l", "L", "nULL", "NULL", "bOOL", "BOOL", "sS",
          "SS", "nS", "NS", "bS", "BS");

  private ItemJsonReader() {}

  /** Parses one typed-JSON item that is the whole of {@code json}. */
  public static Map<String, AttributeValue> parse(byte[] json) throws IOException {
    try (JsonParser p = ItemJson.FACTORY.createParser(json)) {
      Map<String, AttributeValue> item = read(p);
      requireEnd(p);
      return item;
    }
  }

  /**
   * Reads one typed-JSON item object. The parser is at the object's start token or just before it,
   * and is left at its end token.
   */
  public static Map<String, AttributeValue> read(JsonParser p) throws IOException {
    JsonToken token = p.currentToken() == null ? p.nextToken() : p.currentToken();
    if (token != JsonToken.START_OBJECT) {
      throw error(p, "expected an item object, found " + describe(token));
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (item.put(name, readValue(p)) != null) {
        throw error(p, "duplicate attribute name \"" + name + "\"");
      }
    }
    return item;
  }

  /** Fails unless nothing but whitespace follows the value just read. */
  static void requireEnd(JsonParser p) throws IOException {
    JsonToken token = p.nextToken();
    if (token != null) {
      throw error(p, "unexpected " + describe(token) + " after the item");
    }
  }

  private static AttributeValue readValue(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw error(p, "expected a typed value object, found " + describe(p.currentToken()));
    }
    return readValueAtStart(p);
  }

  private static AttributeValue readTagged(String tag, JsonParser p) throws IOException {
    JsonToken token = p.nextToken();
    switch (tag) {
      case "S":
        return AttributeValue.fromS(stringValue(tag, token, p));
      case "N":
        return AttributeValue.fromN(numberValue(token, p));
      case "B":
        return AttributeValue.fromB(binaryValue(token, p));
      case "BOOL":
        return AttributeValue.fromBool(booleanValue(tag, token, p));
      case "NULL":
        return AttributeValue.fromNul(booleanValue(tag, token, p));
      case "L":
        {
          expectArray(tag, token, p);
          List<AttributeValue> list = new ArrayList<>();
          while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
              throw error(p, "expected a typed value object, found " + describe(token));
            }
            list.add(readValueAtStart(p));
          }
          return AttributeValue.fromL(list);
        }
      case "M":
        if (token != JsonToken.START_OBJECT) {
          throw error(p, "M must be an object, found " + describe(token));
        }
        return AttributeValue.fromM(read(p));
      case "SS":
        {
          expectArray(tag, token, p);
          List<String> strings = new ArrayList<>();
          while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            strings.add(stringValue(tag, token, p));
          }
          return AttributeValue.fromSs(strings);
        }
      case "NS":
        {
          expectArray(tag, token, p);
          List<String> numbers = new ArrayList<>();
          while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            numbers.add(numberValue(token, p));
          }
          return AttributeValue.fromNs(numbers);
        }
      case "BS":
        {
          expectArray(tag, token, p);
          List<SdkBytes> binaries = new ArrayList<>();
          while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            binaries.add(binaryValue(token, p));
          }
          return AttributeValue.fromBs(binaries);
        }
      default:
        throw error(p, "unknown type \"" + tag + "\"");
    }
  }

  /** Reads a typed value whose start token is the current token. */
  private static AttributeValue readValueAtStart(JsonParser p) throws IOException {
    String tag = p.nextFieldName();
    if (tag == null) {
      throw error(p, "typed value has no type");
    }
    AttributeValue value = readTagged(DATA_PIPELINE_TAGS.getOrDefault(tag, tag), p);
    if (p.nextToken() != JsonToken.END_OBJECT) {
      throw error(p, "typed value has more than one type: \"" + p.currentName() + "\"");
    }
    return value;
  }

  private static String stringValue(String tag, JsonToken token, JsonParser p) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw error(p, tag + " must hold a string, found " + describe(token));
    }
    return p.getText();
  }

  private static String numberValue(JsonToken token, JsonParser p) throws IOException {
    // Kept exactly as written: DynamoDB validates numbers, and parsing would lose their bytes.
    String number = stringValue("N", token, p);
    if (number.isEmpty()) {
      throw error(p, "empty number");
    }
    return number;
  }

  private static boolean booleanValue(String tag, JsonToken token, JsonParser p)
      throws IOException {
    if (token == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (token == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw error(p, tag + " must hold true or false, found " + describe(token));
  }

  private static void expectArray(String tag, JsonToken token, JsonParser p) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      throw error(p, tag + " must hold an array, found " + describe(token));
    }
  }

  /** Base64 string (the wire form), Node's {"type":"Buffer","data":[..]}, or a byte array. */
  private static SdkBytes binaryValue(JsonToken token, JsonParser p) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return SdkBytes.fromByteArrayUnsafe(p.getBinaryValue(BASE64));
    }
    if (token == JsonToken.START_ARRAY) {
      return SdkBytes.fromByteArrayUnsafe(byteArray(p));
    }
    if (token == JsonToken.START_OBJECT) {
      return SdkBytes.fromByteArrayUnsafe(nodeBuffer(p));
    }
    throw error(p, "binary must be a Base64 string, found " + describe(token));
  }

  private static byte[] nodeBuffer(JsonParser p) throws IOException {
    boolean typeSeen = false;
    byte[] data = null;
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken token = p.nextToken();
      if (name.equals("type") && !typeSeen) {
        if (token != JsonToken.VALUE_STRING || !p.getText().equals("Buffer")) {
          throw error(p, "binary object must have \"type\":\"Buffer\"");
        }
        typeSeen = true;
      } else if (name.equals("data") && data == null) {
        if (token != JsonToken.START_ARRAY) {
          throw error(p, "Buffer data must be an array, found " + describe(token));
        }
        data = byteArray(p);
      } else {
        throw error(p, "unexpected key \"" + name + "\" in a binary object");
      }
    }
    if (!typeSeen || data == null) {
      throw error(p, "binary object needs both \"type\":\"Buffer\" and \"data\"");
    }
    return data;
  }

  /** Reads [104,105] after its start token. */
  private static byte[] byteArray(JsonParser p) throws IOException {
    byte[] bytes = new byte[16];
    int count = 0;
    JsonToken token;
    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
      if (token != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() != JsonParser.NumberType.INT
          || p.getIntValue() < 0
          || p.getIntValue() > 255) {
        throw error(p, "binary byte must be an integer 0..255, found " + p.getText());
      }
      if (count == bytes.length) {
        bytes = Arrays.copyOf(bytes, count * 2);
      }
      bytes[count++] = (byte) p.getIntValue();
    }
    return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
  }

  static JsonParseException error(JsonParser p, String message) {
    return new JsonParseException(p, message);
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "end of input";
    }
    switch (token) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.asString() == null ? token.name() : token.asString();
    }
  }
}
