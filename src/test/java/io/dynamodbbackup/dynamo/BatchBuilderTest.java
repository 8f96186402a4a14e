package io.dynamodbbackup.dynamo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

  /** A put of {"id":{"S":id},"pad":{"S":"xx..."}}, keyed by its id. */
  private static RawWrite put(String id, int padding) {
    String json = "{\"id\":{\"S\":\"" + id + "\"},\"pad\":{\"S\":\"" + "x".repeat(padding) + "\"}}";
    return RawWrite.put(json.getBytes(UTF_8), key(id));
  }

  private static byte[] key(String id) {
    return ("{\"S\":\"" + id + "\"}").getBytes(UTF_8);
  }

  private static List<List<RawWrite>> batches(BatchBuilder builder, List<RawWrite> writes) {
    List<List<RawWrite>> batches = new ArrayList<>();
    for (RawWrite write : writes) {
      List<RawWrite> full = builder.add(write);
      if (full != null) {
        batches.add(full);
      }
    }
    List<RawWrite> last = builder.drain();
    if (!last.isEmpty()) {
      batches.add(last);
    }
    return batches;
  }

  @Test
  void writes_areGroupedIntoBatchesOf25_inOrder() {
    List<RawWrite> writes = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      writes.add(put("i" + i, 10));
    }

    List<List<RawWrite>> batches = batches(new BatchBuilder(25, BatchBuilder.MAX_BYTES), writes);

    assertThat(batches).extracting(List::size).containsExactly(25, 25, 10);
    assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(writes);
  }

  @Test
  void aBatch_closesBeforeTheWriteThatWouldTakeItPastTheByteLimit() {
    // Each item's JSON is 430 bytes; 1000 bytes hold two.
    List<RawWrite> writes =
        List.of(put("a1", 400), put("a2", 400), put("a3", 400), put("a4", 400), put("a5", 400));

    List<List<RawWrite>> batches = batches(new BatchBuilder(25, 1000), writes);

    assertThat(batches).extracting(List::size).containsExactly(2, 2, 1);
  }

  @Test
  void theSixteenMegabyteLimit_splitsBatchesOfLargeItems() {
    // 25 items of ~700 KB (over DynamoDB's item limit, so only a malformed file has them) exceed
    // 16 MB; the batch must be split so that DynamoDB sees a valid request and rejects per item.
    List<RawWrite> writes = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      writes.add(put("big" + i, 700_000));
    }

    List<List<RawWrite>> batches = batches(new BatchBuilder(25, BatchBuilder.MAX_BYTES), writes);

    assertThat(batches).extracting(List::size).containsExactly(23, 2);
  }

  @Test
  void aRepeatedKey_startsANewBatch_soDynamoDbNeverSeesDuplicatesInOneCall() {
    RawWrite second = put("a", 2);
    List<RawWrite> writes = List.of(put("a", 1), put("b", 1), second, put("c", 1));

    List<List<RawWrite>> batches = batches(new BatchBuilder(25, BatchBuilder.MAX_BYTES), writes);

    assertThat(batches).extracting(List::size).containsExactly(2, 2);
    assertThat(batches.get(1).get(0)).isSameAs(second);
  }

  @Test
  void writesWithoutAKnownKey_neverCountAsRepeats() {
    RawWrite unkeyed = RawWrite.put("{\"x\":{\"S\":\"1\"}}".getBytes(UTF_8), null);

    List<List<RawWrite>> batches =
        batches(new BatchBuilder(25, BatchBuilder.MAX_BYTES), List.of(unkeyed, unkeyed));

    assertThat(batches).extracting(List::size).containsExactly(2);
  }

  @Test
  void batchSizeOutsideOneTo25_isRefusedNamingIt() {
    assertThatThrownBy(() -> new BatchBuilder(26, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("26");
  }

  @Test
  void aDeleteAndAPutOfTheSameKey_goToSeparateBatches_inTheirOrder() {
    BatchBuilder builder = new BatchBuilder(25, BatchBuilder.MAX_BYTES);
    assertThat(builder.add(put("a", 1))).isNull();
    List<RawWrite> full = builder.add(RawWrite.delete(key("a"), key("a")));
    assertThat(full).singleElement().satisfies(w -> assertThat(w.isPut()).isTrue());
    assertThat(builder.drain()).singleElement().satisfies(w -> assertThat(w.isPut()).isFalse());
  }
}
