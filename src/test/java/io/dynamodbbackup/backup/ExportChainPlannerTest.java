package io.dynamodbbackup.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.report.EventLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportChainPlannerTest {

  private static final Instant FROM = Instant.parse("2026-11-24T02:00:00Z");
  private static final String BASE =
      "users/users_2026-11-24T02:00:00+00:00/base.export.manifest.json";

  private final List<String> lines = new ArrayList<>();
  private final ExportChainPlanner planner =
      new ExportChainPlanner(
          new ExportPlan("users", "eu-west-1", "b", "", null, null, null, null, true, false, null),
          new EventLog() {
            @Override
            public void info(String message) {
              lines.add(message);
            }

            @Override
            public void warn(String message) {
              lines.add(message);
            }

            @Override
            public void close() {}
          });

  @Test
  void aWindowOfADay_isOneLink_continuingThePreviousExport() {
    List<Link> links = planner.windows(FROM, FROM.plus(Duration.ofHours(24)), BASE, BASE);

    assertThat(links)
        .containsExactly(Link.incremental(FROM, FROM.plus(Duration.ofHours(24)), BASE, BASE));
  }

  @Test
  void aLongerWindow_isCutIntoEqualLinksOfAtMost24Hours_eachContinuingTheOneBefore() {
    Instant to = FROM.plus(Duration.ofHours(50));
    List<Link> links = planner.windows(FROM, to, BASE, BASE);

    assertThat(links).hasSize(3);
    assertThat(links.get(0).from()).isEqualTo(FROM);
    assertThat(links.get(2).to()).isEqualTo(to);
    for (int i = 0; i < links.size(); i++) {
      Link link = links.get(i);
      assertThat(Duration.between(link.from(), link.to()))
          .isBetween(Duration.ofHours(16), Duration.ofHours(24));
      assertThat(link.base()).isEqualTo(BASE);
      if (i > 0) {
        assertThat(link.from()).isEqualTo(links.get(i - 1).to());
        assertThat(link.previous())
            .isEqualTo(new ExportKey("", "users", links.get(i - 1).to()).manifestKey());
      }
    }
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("as 3 links"));
  }

  @Test
  void aWindowShorterThanAwsAllows_isRefusedSayingWhenToRunAgain() {
    assertThatThrownBy(() -> planner.windows(FROM, FROM.plusSeconds(600), BASE, BASE))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("600 s ago")
        .hasMessageContaining("at least 15 minutes");
  }
}
