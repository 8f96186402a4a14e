package io.dynamodbbackup.dynamo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamodbbackup.format.FileFormat;
import io.dynamodbbackup.format.ItemEncoder;
import io.dynamodbbackup.format.ItemEncoders;
import io.dynamodbbackup.format.ItemJson;
import io.dynamodbbackup.format.LineBuffer;
import io.dynamodbbackup.testing.TestItems;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ResponseItemsTest {

  @Test
  void split_findsEachItemAndLeavesTheRestWithAnEmptyArray() {
    String first = "{\"id\":{\"S\":\"a ] } [ { \\\" , \"},\"n\":{\"N\":\"-1.5E+3\"}}";
    String second = "{\"l\":{\"L\":[{\"M\":{\"x\":{\"BOOL\":true}}},{\"NULL\":true}]}}";
    String body =
        "{\"ConsumedCapacity\":{\"CapacityUnits\":0.5,\"TableName\":\"t\"},\"Count\":2,"
            + "\"Items\":["
            + first
            + ","
            + second
            + "],\"LastEvaluatedKey\":{\"id\":{\"S\":\"b\"}},\"ScannedCount\":2}";
    ResponseItems.Split split = ResponseItems.split(body.getBytes(UTF_8), "Items");
    assertThat(items(split.items())).containsExactly(first, second);
    assertThat(new String(split.rest(), UTF_8))
        .isEqualTo(
            "{\"ConsumedCapacity\":{\"CapacityUnits\":0.5,\"TableName\":\"t\"},\"Count\":2,"
                + "\"Items\":[],\"LastEvaluatedKey\":{\"id\":{\"S\":\"b\"}},\"ScannedCount\":2}");
  }

  @Test
  void split_toleratesWhitespaceAndAnyFieldOrder() {
    String body = " {\n \"Count\" : 1 ,\n \"Items\" : [ {\"k\": {\"S\": \"v\"}} ] \n}\n";
    ResponseItems.Split split = ResponseItems.split(body.getBytes(UTF_8), "Items");
    assertThat(items(split.items())).containsExactly("{\"k\": {\"S\": \"v\"}}");
    assertThat(new String(split.rest(), UTF_8))
        .isEqualTo(" {\n \"Count\" : 1 ,\n \"Items\" : [] \n}\n");
  }

  @Test
  void split_marksCompactItems_whoseBytesAreAlreadyCanonical() {
    List<String> items =
        List.of(
            "{\"s\":{\"S\":\"spaces inside strings, \\\"quotes\\\" and \\n\"}}",
            "{\"s\": {\"S\":\"x\"}}",
            "{\"s\":{\"S\":\"caf\\u00e9\"}}",
            "{\"s\":{\"S\":\"a\\/b\"}}",
            "{\"l\":{\"L\":[{\"BOOL\":true},\n{\"NULL\":true}]}}");
    byte[] body = ("{\"Items\":[" + String.join(",", items) + "]}").getBytes(UTF_8);

    RawItems split = ResponseItems.split(body, "Items").items();

    List<Boolean> compact = new ArrayList<>();
    for (int i = 0; i < split.count(); i++) {
      compact.add(split.compact(i));
    }
    assertThat(compact).containsExactly(true, false, false, false, false);
  }

  @Test
  void compactItems_encodeToTheSameLinesCopiedAsRewritten() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"Items\":[".getBytes(UTF_8));
    List<Map<String, AttributeValue>> items = new ArrayList<>(TestItems.everyType(11, 300));
    items.add(TestItems.large(11, 0, 50_000));
    for (int i = 0; i < items.size(); i++) {
      body.writeBytes((i > 0 ? "," : "").getBytes(UTF_8));
      body.writeBytes(ItemJson.toBytes(items.get(i)));
    }
    body.writeBytes("]}".getBytes(UTF_8));
    RawItems page = ResponseItems.split(body.toByteArray(), "Items").items();

    for (ItemEncoder encoder :
        List.of(
            ItemEncoders.of(FileFormat.CSV, false),
            ItemEncoders.of(FileFormat.CSV, true),
            ItemEncoders.of(FileFormat.DYNAMODB_JSON, false))) {
      for (int i = 0; i < page.count(); i++) {
        assertThat(page.compact(i)).as("item %d", i).isTrue();
        LineBuffer copied = new LineBuffer(16);
        encoder.encodeCanonical(page.body(), page.start(i), page.end(i), copied);
        LineBuffer rewritten = new LineBuffer(16);
        encoder.encode(page.body(), page.start(i), page.end(i), rewritten);
        assertThat(Arrays.copyOf(copied.bytes(), copied.size()))
            .as("%s line of item %d", encoder.getClass().getSimpleName(), i)
            .isEqualTo(Arrays.copyOf(rewritten.bytes(), rewritten.size()));
      }
    }
  }

  @Test
  void quotesAndEscapesAnywhereInAString_areFoundAndCopied() {
    List<String> escapes = List.of("\\\"", "\\\\", "\\n", "\\u00e9", "\\/", "\"\"");
    List<String> items = new ArrayList<>();
    List<Boolean> expectedCompact = new ArrayList<>();
    for (int before = 0; before <= 17; before++) {
      for (String escape : escapes) {
        String text = "x".repeat(before) + escape + "y".repeat(17 - before);
        if (escape.equals("\"\"")) {
          // Quotes that end one string and start the next, a name and its value.
          items.add("{\"" + "x".repeat(before) + "\":{\"S\":\"" + "y".repeat(before) + "\"}}");
        } else {
          items.add("{\"s\":{\"S\":\"" + text + "\"}}");
        }
        expectedCompact.add(!escape.contains("u00e9") && !escape.contains("/"));
      }
    }
    byte[] body = ("{\"Items\":[" + String.join(",", items) + "]}").getBytes(UTF_8);

    RawItems page = ResponseItems.split(body, "Items").items();

    assertThat(items(page)).containsExactlyElementsOf(items);
    ItemEncoder csv = ItemEncoders.of(FileFormat.CSV, false);
    for (int i = 0; i < page.count(); i++) {
      assertThat(page.compact(i)).as(items.get(i)).isEqualTo(expectedCompact.get(i));
      if (page.compact(i)) {
        LineBuffer copied = new LineBuffer(16);
        csv.encodeCanonical(page.body(), page.start(i), page.end(i), copied);
        assertThat(new String(copied.bytes(), 0, copied.size(), UTF_8))
            .isEqualTo("\"" + items.get(i).replace("\"", "\"\"") + "\"\n");
      }
    }
  }

  @Test
  void bodyWithoutTheField_hasNoItemsAndStaysWhole() {
    byte[] body = "{\"Count\":0,\"ScannedCount\":0}".getBytes(UTF_8);
    ResponseItems.Split split = ResponseItems.split(body, "Items");
    assertThat(split.items().count()).isZero();
    assertThat(split.rest()).isSameAs(body);
  }

  @Test
  void emptyArray_hasNoItems() {
    byte[] body = "{\"Items\":[],\"Count\":0}".getBytes(UTF_8);
    assertThat(ResponseItems.split(body, "Items").items().count()).isZero();
  }

  @Test
  void truncatedBody_isRejected() {
    byte[] body = "{\"Count\":1,\"Items\":[{\"k\":{\"S\":\"v".getBytes(UTF_8);
    assertThatThrownBy(() -> ResponseItems.split(body, "Items"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unexpected response body");
  }

  private static List<String> items(RawItems items) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.count(); i++) {
      out.add(new String(items.body(), items.start(i), items.end(i) - items.start(i), UTF_8));
    }
    return out;
  }
}
