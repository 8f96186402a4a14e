package io.dynamodbbackup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which standard error links count as a terminal. */
class TerminalTest {

  @Test
  void terminalDevices_areTerminals_filesAndPipesAreNot() {
    assertThat(Terminal.isTerminalDevice("/dev/pts/3")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/tty1")).isTrue();
    assertThat(Terminal.isTerminalDevice("/dev/console")).isTrue();
    assertThat(Terminal.isTerminalDevice("/var/log/backup.log")).isFalse();
    assertThat(Terminal.isTerminalDevice("pipe:[40213]")).isFalse();
    assertThat(Terminal.isTerminalDevice("/dev/null")).isFalse();
  }

  @Test
  void dumbTerminal_getsNoBar() {
    assertThat(Terminal.stderrIsTerminal(Map.of("TERM", "dumb"))).isFalse();
  }
}
