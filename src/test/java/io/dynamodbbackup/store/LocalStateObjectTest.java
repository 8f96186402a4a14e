package io.dynamodbbackup.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateObjectTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @Test
  void aShorterStateOverwritesInPlace_andReadsAsTheNewState() throws Exception {
    Path path = folder.resolve("sub/t.csv.restore-state.json");
    LocalStateObject state = new LocalStateObject(path);

    state.write(json("{\"itemsWritten\":1000000}"));
    state.write(json("{\"itemsWritten\":25}"));

    byte[] stored = state.read().orElseThrow();
    assertThat(stored).hasSize("{\"itemsWritten\":1000000}".length());
    assertThat(JSON.readTree(stored).get("itemsWritten").asLong()).isEqualTo(25);
    try (var files = Files.list(folder.resolve("sub"))) {
      assertThat(files).containsExactly(path);
    }
  }

  @Test
  void aLongerStateReplacesTheFileWhole() throws Exception {
    LocalStateObject state = new LocalStateObject(folder.resolve("state.json"));
    state.write(json("{\"a\":1}"));
    String large = "{\"parts\":\"" + "x".repeat(LocalStateObject.IN_PLACE_LIMIT) + "\"}";

    state.write(json(large));
    state.write(json("{\"a\":2}"));

    assertThat(new String(state.read().orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":2}");
  }

  @Test
  void noState_readsAsEmpty_andDeleteIsQuiet() throws Exception {
    LocalStateObject state = new LocalStateObject(folder.resolve("none.json"));

    assertThat(state.read()).isEmpty();
    state.delete();
    assertThat(state.read()).isEmpty();
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
