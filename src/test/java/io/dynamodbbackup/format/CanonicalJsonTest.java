package io.dynamodbbackup.format;

import static io.dynamodbbackup.format.TestItems.item;
import static io.dynamodbbackup.format.TestItems.s;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CanonicalJsonTest {

  /** Strings that every escaping rule touches. */
  private static final Map<String, AttributeValue> AWKWARD =
      item(
          "id",
          s(
              "quote \" backslash \\ slash / tab \t newline \n cr \r ff \f bs \b nul \u0000 us \u001f"),
          "del",
          s("\u007f"),
          "unicode",
          s("é ü ß 中文 \u2028 \u2029 😀 𝄞"),
          "key \"with\" quotes",
          s(""));

  private static List<Map<String, AttributeValue>> items() {
    List<Map<String, AttributeValue>> items = new ArrayList<>(TestItems.everyType());
    items.add(AWKWARD);
    return items;
  }

  @Test
  void copy_ofJsonEscapedAndSpacedOtherwise_givesExactlyTheBytesItemJsonWrites()
      throws IOException {
    // Every non-ASCII character as a \\u escape (upper-case hex), '/' escaped, spaces and line
    // breaks between tokens: all legal JSON, all different bytes from ours.
    JsonFactory foreign =
        JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();
    for (Map<String, AttributeValue> item : items()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (JsonGenerator g = foreign.createGenerator(bytes).useDefaultPrettyPrinter()) {
        ItemJson.write(item, g);
      }
      byte[] json = bytes.toByteArray();
      assertThat(new String(copy(json, false), UTF_8))
          .isEqualTo(new String(ItemJson.toBytes(item), UTF_8));
    }
  }

  @Test
  void copy_ofCanonicalJson_isTheSameBytes() {
    for (Map<String, AttributeValue> item : items()) {
      byte[] json = ItemJson.toBytes(item);
      assertThat(copy(json, false)).isEqualTo(json);
    }
  }

  @Test
  void copy_withQuotesDoubled_doublesEveryQuoteAndNothingElse() {
    byte[] json = ItemJson.toBytes(AWKWARD);
    assertThat(new String(copy(json, true), UTF_8))
        .isEqualTo(new String(json, UTF_8).replace("\"", "\"\""));
  }

  @Test
  void escapedQuoteAndBackslashInsideAString_doNotEndIt() {
    byte[] json = "{\"a\":{\"S\":\"x\\\" }\\\\\"}}".getBytes(UTF_8);
    assertThat(new String(copy(json, false), UTF_8)).isEqualTo("{\"a\":{\"S\":\"x\\\" }\\\\\"}}");
  }

  @Test
  void malformedEscape_isRejectedWithItsPlace() {
    byte[] json = "{\"a\":{\"S\":\"\\x\"}}".getBytes(UTF_8);
    assertThatThrownBy(() -> copy(json, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("byte 12");
  }

  private static byte[] copy(byte[] json, boolean doubleQuotes) {
    LineBuffer out = new LineBuffer(4);
    out.put((byte) '>');
    CanonicalJson.copy(json, 0, json.length, out, doubleQuotes);
    assertThat(out.bytes()[0]).isEqualTo((byte) '>');
    return Arrays.copyOfRange(out.bytes(), 1, out.size());
  }
}
