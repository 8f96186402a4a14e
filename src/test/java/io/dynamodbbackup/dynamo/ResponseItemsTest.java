package io.dynamodbbackup.dynamo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
