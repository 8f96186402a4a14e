package io.dynamodbbackup.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupKeyTest {

  private static final Instant START = Instant.parse("2015-12-09T08:56:26Z");

  @Test
  void dataKey_isTheOriginalToolsLayout() {
    BackupKey key = new BackupKey("", "users", START, ".csv");
    assertThat(key.dataKey()).isEqualTo("users/users_2015-12-09T08:56:26+00:00.csv");
    assertThat(key.manifestKey())
        .isEqualTo("users/users_2015-12-09T08:56:26+00:00.csv.manifest.json");
  }

  @Test
  void dataKey_goesUnderThePrefixWithoutDoubledSlashes() {
    assertThat(new BackupKey("/nightly/prod/", "users", START, ".csv.gz").dataKey())
        .isEqualTo("nightly/prod/users/users_2015-12-09T08:56:26+00:00.csv.gz");
  }

  @Test
  void parse_readsBackTheKeyItWrote() {
    BackupKey key = new BackupKey("nightly", "my_table.v2", START, ".csv.zst");
    assertThat(BackupKey.parse(key.dataKey())).contains(key);
  }

  @Test
  void parse_readsTheOriginalToolsKeysWithTheirOffset() {
    assertThat(BackupKey.parse("users/users_2015-12-09T09:56:26+01:00.csv"))
        .hasValueSatisfying(k -> assertThat(k.startedAt()).isEqualTo(START));
  }

  @Test
  void parse_refusesKeysOfAnotherLayout() {
    assertThat(BackupKey.parse("users/other_2015-12-09T08:56:26+00:00.csv")).isEmpty();
    assertThat(BackupKey.parse("users/users.csv")).isEmpty();
    assertThat(BackupKey.parse("users/users_2015-12-09T08:56:26+00:00.csv.manifest.json"))
        .isEmpty();
  }

  @Test
  void dynamodbJson_keepsItsDataUnderAPrefixThatHoldsDataAlone() {
    BackupKey key = new BackupKey("nightly", "users", START, ".json.gz", 2);

    assertThat(key.dataKey())
        .isEqualTo(
            "nightly/users/users_2015-12-09T08:56:26+00:00-2/data/users_2015-12-09T08:56:26+00:00-2.json.gz");
    assertThat(key.dataPrefix()).isEqualTo("nightly/users/users_2015-12-09T08:56:26+00:00-2/data/");
    assertThat(key.manifestKey())
        .isEqualTo(
            "nightly/users/users_2015-12-09T08:56:26+00:00-2/users_2015-12-09T08:56:26+00:00-2.json.gz.manifest.json");
    assertThat(key.manifestKey()).doesNotStartWith(key.dataPrefix());
    assertThat(BackupKey.dataKeyFor(key.manifestKey())).isEqualTo(key.dataKey());
    assertThat(BackupKey.parse(key.dataKey())).contains(key);
  }

  @Test
  void csv_keepsTheOriginalToolsKey_withItsManifestBeside() {
    BackupKey key = new BackupKey("", "users", START, ".csv");

    assertThat(key.dataPrefix()).isNull();
    assertThat(BackupKey.manifestKeyFor(key.dataKey())).isEqualTo(key.dataKey() + ".manifest.json");
    assertThat(BackupKey.dataKeyFor(key.manifestKey())).isEqualTo(key.dataKey());
  }
}
