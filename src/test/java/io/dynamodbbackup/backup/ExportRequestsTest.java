package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportRequestsTest {

  private static final String ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/users";
  private static final Instant AT = Instant.parse("2026-11-25T02:00:00Z");

  @Test
  void clientToken_isTheSameForTheSameTableAndMoment_soARetriedRunGetsTheSameExport() {
    assertThat(ExportRequests.clientToken(ARN, Link.full(AT)))
        .isEqualTo(ExportRequests.clientToken(ARN, Link.full(AT)))
        .hasSize(32);
  }

  @Test
  void clientToken_differsForAnotherMomentTableOrWindow() {
    String token = ExportRequests.clientToken(ARN, Link.full(AT));
    assertThat(ExportRequests.clientToken(ARN, Link.full(AT.plusSeconds(1)))).isNotEqualTo(token);
    assertThat(ExportRequests.clientToken(ARN + "2", Link.full(AT))).isNotEqualTo(token);
    assertThat(
            ExportRequests.clientToken(ARN, Link.incremental(AT.minusSeconds(3600), AT, "b", "b")))
        .isNotEqualTo(token);
  }
}
