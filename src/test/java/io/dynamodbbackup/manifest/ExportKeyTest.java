package io.dynamodbbackup.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportKeyTest {

  private static final Instant AT = Instant.parse("2026-11-25T02:00:00Z");

  @Test
  void folder_isNamedByTheExportedMoment_besideTheTablesScanBackups() {
    ExportKey key = new ExportKey("", "users", AT);
    assertThat(key.folder()).isEqualTo("users/users_2026-11-25T02:00:00+00:00/");
    assertThat(key.exportPrefix()).isEqualTo("users/users_2026-11-25T02:00:00+00:00");
    assertThat(key.manifestKey())
        .isEqualTo(
            "users/users_2026-11-25T02:00:00+00:00/users_2026-11-25T02:00:00+00:00"
                + ".export.manifest.json");
  }

  @Test
  void sameTableAndMoment_giveTheSameKey_toTheSecond() {
    assertThat(new ExportKey("/nightly/", "users", AT.plusMillis(700)))
        .isEqualTo(new ExportKey("nightly", "users", AT));
  }

  @Test
  void parse_readsBackTheManifestKeyItWrote() {
    ExportKey key = new ExportKey("nightly/prod", "my_table.v2", AT);
    assertThat(ExportKey.parse(key.manifestKey())).contains(key);
    assertThat(ExportKey.parse(new ExportKey("", "users", AT).manifestKey()))
        .contains(new ExportKey("", "users", AT));
  }

  @Test
  void parse_refusesOtherKeys() {
    assertThat(ExportKey.parse("users/users_2026-11-25T02:00:00+00:00.csv")).isEmpty();
    assertThat(
            ExportKey.parse(
                "users/other_2026-11-25T02:00:00+00:00/users_2026-11-25T02:00:00+00:00"
                    + ".export.manifest.json"))
        .isEmpty();
  }

  @Test
  void manifestKeyOf_acceptsTheManifestOrItsFolder() {
    ExportKey key = new ExportKey("p", "users", AT);
    assertThat(ExportKey.manifestKeyOf(key.manifestKey())).contains(key.manifestKey());
    assertThat(ExportKey.manifestKeyOf(key.folder())).contains(key.manifestKey());
    assertThat(ExportKey.manifestKeyOf(key.exportPrefix())).contains(key.manifestKey());
    assertThat(ExportKey.manifestKeyOf("p/users/users_2026.csv")).isEmpty();
  }
}
