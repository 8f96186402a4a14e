package io.dynamodbbackup.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The other tools' shapes the readers take: dynamodump's pages, its doubled binaries, Data Pipeline
 * names.
 */
class PeerFormatsTest {

  private static final String PAGE =
      """
      {
        "Items": [
          {
            "pk": {
              "S": "a\\u00e9"
            },
            "b": {
              "B": "AAE="
            },
            "l": {
              "L": [
                {
                  "B": "QVE9PQ=="
                }
              ]
            },
            "bs": {
              "BS": [
                "QUE9PQ=="
              ]
            }
          }
        ],
        "Count": 1,
        "ScannedCount": 1,
        "LastEvaluatedKey": {
          "pk": {
            "S": "a\\u00e9"
          }
        }
      }""";

  @Test
  void dynamodumpPage_readsItsItems_andSaysMorePagesFollow() throws IOException {
    DynamodumpPage page = page(PAGE, false);
    List<Map<String, AttributeValue>> items = readAll(page);

    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("pk").s()).isEqualTo("aé");
    assertThat(items.get(0).get("b").b().asByteArray()).containsExactly(0, 1);
    assertThat(items.get(0).get("l").l().get(0).b().asUtf8String()).isEqualTo("AQ==");
    assertThat(page.hasLastEvaluatedKey()).isTrue();
  }

  @Test
  void dynamodumpPage_withRepair_decodesNestedBinariesOnceMore_leavingTopLevelOnes()
      throws IOException {
    Map<String, AttributeValue> item = readAll(page(PAGE, true)).get(0);

    assertThat(item.get("b").b().asByteArray()).containsExactly(0, 1);
    assertThat(item.get("l").l().get(0).b().asByteArray()).containsExactly(1);
    assertThat(item.get("bs").bs().get(0).asByteArray()).containsExactly(0);
  }

  @Test
  void dynamodumpPage_whoseCountDisagrees_isCorrupt() {
    assertThatThrownBy(() -> readAll(page(PAGE.replace("\"Count\": 1", "\"Count\": 2"), false)))
        .isInstanceOf(CorruptBackupException.class)
        .hasMessageContaining("page.json:")
        .hasMessageContaining("\"Count\" is 2 but it holds 1 items");
    assertThatThrownBy(() -> readAll(page("{\"Items\": []}", false)))
        .hasMessageContaining("has no \"Count\"");
  }

  @Test
  void census_callsADumpDoubled_onlyWhenEveryNestedBinaryIsBase64Text_andTopLevelOnesAreNot() {
    Map<String, AttributeValue> doubled =
        Map.of(
            "b", b(new byte[] {0, (byte) 0xff}),
            "l", AttributeValue.fromL(List.of(b("AQ==".getBytes(StandardCharsets.US_ASCII)))));
    Map<String, AttributeValue> single =
        Map.of("l", AttributeValue.fromL(List.of(b(new byte[] {1, 2, 3}))));
    Map<String, AttributeValue> textEverywhere =
        Map.of(
            "b", b("aGk=".getBytes(StandardCharsets.US_ASCII)),
            "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("aGk="))));

    assertThat(census(doubled).doubled()).isTrue();
    assertThat(census(single).doubled()).isFalse();
    assertThat(census(doubled, single).doubled()).isFalse();
    assertThat(census(doubled, single).partlyDoubled()).isTrue();
    assertThat(census(textEverywhere).doubled()).as("the application stores Base64 text").isFalse();
  }

  @Test
  void base64Text_isCanonicalStandardBase64Only() {
    for (String yes : List.of("", "AA==", "AAE=", "AAEC", "QUE9PQ==", "+/+/")) {
      assertThat(DynamodumpBinaries.isBase64Text(yes.getBytes(StandardCharsets.US_ASCII)))
          .as(yes)
          .isTrue();
    }
    for (String no : List.of("A", "AB=", "AB==C", "AAE", "AB-_", "AAF=", "AB==", "a b=", "AA=A")) {
      assertThat(DynamodumpBinaries.isBase64Text(no.getBytes(StandardCharsets.US_ASCII)))
          .as(no)
          .isFalse();
    }
  }

  @Test
  void dataPipelineTypeNames_readAsTheirTypes() throws IOException {
    String line =
        "{\"pk\":{\"s\":\"a\"},\"n\":{\"n\":\"1\"},\"ok\":{\"bOOL\":true},\"none\":{\"nULL\":true},"
            + "\"m\":{\"m\":{\"x\":{\"l\":[{\"sS\":[\"a\"]},{\"nS\":[\"2\"]},"
            + "{\"bS\":[{\"type\":\"Buffer\",\"data\":[1]}]}]}}},"
            + "\"b\":{\"b\":{\"type\":\"Buffer\",\"data\":[0]}}}\n";
    try (ItemFileReader reader =
        new ItemFileReader(
            new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), "f", null)) {
      Map<String, AttributeValue> item = reader.next();
      assertThat(item.get("pk").s()).isEqualTo("a");
      assertThat(item.get("n").n()).isEqualTo("1");
      assertThat(item.get("ok").bool()).isTrue();
      assertThat(item.get("none").nul()).isTrue();
      List<AttributeValue> list = item.get("m").m().get("x").l();
      assertThat(list.get(0).ss()).containsExactly("a");
      assertThat(list.get(1).ns()).containsExactly("2");
      assertThat(list.get(2).bs().get(0).asByteArray()).containsExactly(1);
      assertThat(item.get("b").b().asByteArray()).containsExactly(0);
    }
  }

  private static DynamodumpPage page(String json, boolean repair) throws IOException {
    return new DynamodumpPage(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "page.json", repair);
  }

  private static List<Map<String, AttributeValue>> readAll(DynamodumpPage page) throws IOException {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (Map<String, AttributeValue> item = page.next(); item != null; item = page.next()) {
      items.add(item);
    }
    return items;
  }

  @SafeVarargs
  private static DynamodumpBinaries.Census census(Map<String, AttributeValue>... items) {
    DynamodumpBinaries.Census census = new DynamodumpBinaries.Census();
    for (Map<String, AttributeValue> item : items) {
      census.add(item);
    }
    return census;
  }

  private static AttributeValue b(byte[] bytes) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
  }
}
