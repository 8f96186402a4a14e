package io.dynamodbbackup.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class BatchBuilderTest {

  private static Map<String, AttributeValue> item(String id, int padding) {
    return Map.of("id", AttributeValue.fromS(id), "pad", AttributeValue.fromS("x".repeat(padding)));
  }

  private static List<List<Map<String, AttributeValue>>> batches(
      BatchBuilder builder, List<Map<String, AttributeValue>> items) {
    List<List<Map<String, AttributeValue>>> batches = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      List<WriteRequest> full = builder.add(BatchBuilder.put(item));
      if (full != null) {
        batches.add(images(full));
      }
    }
    List<WriteRequest> last = builder.drain();
    if (!last.isEmpty()) {
      batches.add(images(last));
    }
    return batches;
  }

  private static List<Map<String, AttributeValue>> images(List<WriteRequest> writes) {
    return writes.stream().map(BatchBuilder::image).toList();
  }

  @Test
  void items_areGroupedIntoBatchesOf25() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      items.add(item("i" + i, 10));
    }

    List<List<Map<String, AttributeValue>>> batches =
        batches(new BatchBuilder(25, BatchBuilder.MAX_BYTES, List.of("id")), items);

    assertThat(batches).extracting(List::size).containsExactly(25, 25, 10);
    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(items);
  }

  @Test
  void aBatch_closesBeforeTheItemThatWouldTakeItPastTheByteLimit() {
    // Each item is "id" + 2 + "pad" + 400 = 407 bytes; 1000 bytes hold two.
    List<Map<String, AttributeValue>> items =
        List.of(
            item("a1", 400), item("a2", 400), item("a3", 400), item("a4", 400), item("a5", 400));

    List<List<Map<String, AttributeValue>>> batches =
        batches(new BatchBuilder(25, 1000, List.of("id")), items);

    assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
  }

  @Test
  void theSixteenMegabyteLimit_splitsBatchesOfLargeItems() {
    // 25 items of ~700 KB (over DynamoDB's item limit, so only a malformed file has them) exceed
    // 16 MB; the batch must be split so that DynamoDB sees a valid request and rejects per item.
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      items.add(item("big" + i, 700_000));
    }

    List<List<Map<String, AttributeValue>>> batches =
        batches(new BatchBuilder(25, BatchBuilder.MAX_BYTES, List.of("id")), items);

    assertThat(batches).extracting(List::size).containsExactly(23, 2);
  }

  @Test
  void aRepeatedKey_startsANewBatch_soDynamoDbNeverSeesDuplicatesInOneCall() {
    List<Map<String, AttributeValue>> items =
        List.of(item("a", 1), item("b", 1), item("a", 2), item("c", 1));

    List<List<Map<String, AttributeValue>>> batches =
        batches(new BatchBuilder(25, BatchBuilder.MAX_BYTES, List.of("id")), items);

    assertThat(batches).extracting(List::size).containsExactly(2, 2);
    assertThat(batches.get(1).get(0).get("pad").s()).isEqualTo("xx");
  }

  @Test
  void batchSizeOutsideOneTo25_isRefusedNamingIt() {
    assertThatThrownBy(() -> new BatchBuilder(26, 100, List.of("id")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("26");
  }

  @Test
  void aDeleteAndAPutOfTheSameKey_goToSeparateBatches_inTheirOrder() {
    BatchBuilder builder = new BatchBuilder(25, BatchBuilder.MAX_BYTES, List.of("id"));
    assertThat(builder.add(BatchBuilder.put(item("a", 1)))).isNull();
    List<WriteRequest> full =
        builder.add(BatchBuilder.delete(Map.of("id", AttributeValue.fromS("a"))));
    assertThat(full).singleElement().satisfies(w -> assertThat(w.putRequest()).isNotNull());
    assertThat(builder.drain())
        .singleElement()
        .satisfies(w -> assertThat(w.deleteRequest().key()).containsOnlyKeys("id"));
  }
}
