package io.dynamodbbackup.format;

import static io.dynamodbbackup.format.TestItems.b;
import static io.dynamodbbackup.format.TestItems.item;
import static io.dynamodbbackup.format.TestItems.n;
import static io.dynamodbbackup.format.TestItems.s;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ItemEncodersTest {

  private static String encode(ItemEncoder encoder, Map<String, AttributeValue> item) {
    LineBuffer out = new LineBuffer(16);
    encoder.encode(item, out);
    return new String(out.bytes(), 0, out.size(), UTF_8);
  }

  private static final Map<String, AttributeValue> EVERY_TYPE =
      item(
          "id",
          s("a"),
          "n",
          n("1.50"),
          "b",
          b((byte) 'h', (byte) 'i'),
          "ok",
          AttributeValue.fromBool(true),
          "z",
          AttributeValue.fromNul(true),
          "l",
          AttributeValue.fromL(List.of(s("x"))),
          "m",
          AttributeValue.fromM(item("k", n("1"))),
          "ss",
          AttributeValue.fromSs(List.of("a", "b")),
          "ns",
          AttributeValue.fromNs(List.of("1", "2")),
          "bs",
          AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("hi"))));

  private static final String EVERY_TYPE_JSON =
      "{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1.50\"},\"b\":{\"B\":\"aGk=\"},\"ok\":{\"BOOL\":true},"
          + "\"z\":{\"NULL\":true},\"l\":{\"L\":[{\"S\":\"x\"}]},\"m\":{\"M\":{\"k\":{\"N\":\"1\"}}},"
          + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"aGk=\"]}}";

  @Test
  void typedJson_isTheWireShapeInMapOrderWithoutSpaces() {
    assertThat(new String(ItemJson.toBytes(EVERY_TYPE), UTF_8)).isEqualTo(EVERY_TYPE_JSON);
  }

  @Test
  void quotedCsv_doublesEveryQuoteInsideOneQuotedField() {
    assertThat(encode(ItemEncoders.of(FileFormat.CSV, false), item("id", s("a"), "n", n("1.50"))))
        .isEqualTo("\"{\"\"id\"\":{\"\"S\"\":\"\"a\"\"},\"\"n\"\":{\"\"N\"\":\"\"1.50\"\"}}\"\n");
  }

  @Test
  void base64Csv_isPaddedUnwrappedBase64OfTheJsonThenLf() {
    String line = encode(ItemEncoders.of(FileFormat.CSV, true), EVERY_TYPE);
    assertThat(line)
        .isEqualTo(Base64.getEncoder().encodeToString(EVERY_TYPE_JSON.getBytes(UTF_8)) + "\n");
  }

  @Test
  void base64Csv_encodesJsonLongerThanOneBlockInOneRun() {
    Map<String, AttributeValue> item = TestItems.large(20_000);
    String line = encode(ItemEncoders.of(FileFormat.CSV, true), item);
    assertThat(line)
        .isEqualTo(Base64.getEncoder().encodeToString(ItemJson.toBytes(item)) + "\n")
        .doesNotContain("\r")
        .containsOnlyOnce("\n");
  }

  @Test
  void dynamodbJson_wrapsTheItemAsAnExportLine() {
    assertThat(encode(ItemEncoders.of(FileFormat.DYNAMODB_JSON, false), EVERY_TYPE))
        .isEqualTo("{\"Item\":" + EVERY_TYPE_JSON + "}\n");
  }

  @Test
  void dynamodbJson_rejectsBase64() {
    assertThatThrownBy(() -> ItemEncoders.of(FileFormat.DYNAMODB_JSON, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dynamodb-json");
  }

  @Test
  void numbers_keepTheirExactBytes() {
    for (String number :
        List.of(
            "12345678901234567890123456789012345678",
            "1E+5",
            "-0.000000000000000000000000000000000000001",
            "1.50",
            "0.6550358501120767")) {
      assertThat(new String(ItemJson.toBytes(item("n", n(number))), UTF_8))
          .isEqualTo("{\"n\":{\"N\":\"" + number + "\"}}");
    }
  }

  @Test
  void strings_escapeOnlyQuoteBackslashAndControlCharactersLikeJsonStringify() {
    String text = "\"\\\b\f\n\r\t\u0000\u001f\u007f/Grüße\uD83D\uDE00\u2028";
    assertThat(new String(ItemJson.toBytes(item("k", s(text))), UTF_8))
        .isEqualTo(
            "{\"k\":{\"S\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\u007f/Grüße\uD83D\uDE00\u2028\"}}");
  }

  @Test
  void emptySets_areWrittenAsEmptyArrays() {
    assertThat(
            new String(
                ItemJson.toBytes(
                    item(
                        "ss",
                        AttributeValue.fromSs(List.of()),
                        "ns",
                        AttributeValue.fromNs(List.of()),
                        "bs",
                        AttributeValue.fromBs(List.of()),
                        "l",
                        AttributeValue.fromL(List.of()),
                        "m",
                        AttributeValue.fromM(Map.of()))),
                UTF_8))
        .isEqualTo(
            "{\"ss\":{\"SS\":[]},\"ns\":{\"NS\":[]},\"bs\":{\"BS\":[]},\"l\":{\"L\":[]},"
                + "\"m\":{\"M\":{}}}");
  }

  @Test
  void valueWithoutType_isRejectedNamingTheAttribute() {
    assertThatThrownBy(() -> ItemJson.toBytes(item("broken", AttributeValue.builder().build())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"broken\"");
  }
}
