package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynamodbbackup.store.StoredPart;
import io.dynamodbbackup.store.Upload;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredPartsTest {

  private static StoredPart part(int n) {
    return new StoredPart(n, 100, "etag-" + n, "MD5:x");
  }

  @Test
  void prefix_growsOnlyOverPartsStoredWithoutAGap_whateverOrderTheyAreConfirmedIn() {
    StoredParts parts = new StoredParts(Upload.NONE);
    parts.started("upload-1");
    long afterStart = parts.current();

    parts.stored(part(2));
    parts.stored(part(3));
    assertThat(parts.upload().parts()).as("part 1 is still uploading").isEmpty();
    assertThat(parts.current()).as("nothing new to checkpoint").isEqualTo(afterStart);

    parts.stored(part(1));
    assertThat(parts.upload())
        .isEqualTo(new Upload("upload-1", List.of(part(1), part(2), part(3))));
    assertThat(parts.current()).isGreaterThan(afterStart);
  }

  @Test
  void resumed_goesOnAfterThePartsAlreadyStored() {
    StoredParts parts = new StoredParts(new Upload("u", List.of(part(1), part(2))));
    parts.stored(part(4));
    parts.stored(part(3));
    assertThat(parts.upload().parts()).extracting(StoredPart::number).containsExactly(1, 2, 3, 4);
    assertThat(parts.upload().uploadId()).isEqualTo("u");
  }
}
