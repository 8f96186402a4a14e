package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StoredChunksTest {

  private static Map<String, AttributeValue> key(String pk) {
    return Map.of("pk", AttributeValue.fromS(pk));
  }

  @Test
  void segment_getsAsFarAsItsLastChunkEndingInTheStoredParts() {
    StoredChunks chunks = new StoredChunks(Map.of());
    chunks.chunk(0, 100, key("a"), 10);
    chunks.chunk(1, 250, key("x"), 5);
    chunks.chunk(0, 300, key("b"), 7);

    Map<Integer, StoredChunks.Progress> stored = chunks.storedUpTo(250);

    assertThat(stored.get(0)).isEqualTo(new StoredChunks.Progress(key("a"), 10));
    assertThat(stored.get(1)).isEqualTo(new StoredChunks.Progress(key("x"), 5));
    assertThat(chunks.storedUpTo(300).get(0)).isEqualTo(new StoredChunks.Progress(key("b"), 17));
  }

  @Test
  void segment_whoseNextChunkWaitsInTheOpenPart_staysAtItsCheckpoint_thoughOthersMoveOn() {
    // Parts up to byte 950 are stored, holding other segments' chunks; segment 0's next chunks end
    // at 1000 and 1100, in the part still being filled.
    StoredChunks chunks = new StoredChunks(Map.of(0, new StoredChunks.Progress(key("start"), 3)));
    chunks.chunk(0, 1000, key("late"), 4);
    chunks.chunk(0, 1100, key("later"), 4);

    assertThat(chunks.storedUpTo(950).get(0))
        .as("nothing of segment 0 after its checkpoint is stored yet")
        .isEqualTo(new StoredChunks.Progress(key("start"), 3));
  }

  @Test
  void finishedSegment_isRecordedWithAnEmptyKey_andSegmentsWithNothingStoredAreAbsent() {
    StoredChunks chunks = new StoredChunks(Map.of());
    chunks.chunk(2, 50, Map.of(), 9);
    chunks.chunk(3, 500, key("z"), 1);

    Map<Integer, StoredChunks.Progress> stored = chunks.storedUpTo(60);

    assertThat(stored).containsOnlyKeys(2);
    assertThat(stored.get(2).nextKey()).isEmpty();
  }
}
