package io.dynamodbbackup.cli;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether standard error is a terminal, where a progress bar may be drawn. {@code System.console()}
 * answers for standard input and output, not error: with {@code 2>log} it still says yes and the
 * bar's escape codes would land in the file, and with {@code | tee} it says no.
 */
final class Terminal {

  private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

  private Terminal() {}

  static boolean stderrIsTerminal(Map<String, String> env) {
    if ("dumb".equals(env.get("TERM"))) {
      return false;
    }
    if (Files.exists(STDERR_LINK, LinkOption.NOFOLLOW_LINKS)) {
      try {
        return isTerminalDevice(Files.readSymbolicLink(STDERR_LINK).toString());
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return shellSaysTerminal();
  }

  /** Whether the file descriptor link target {@code target} (Linux's /proc) is a terminal. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/")
        || target.startsWith("/dev/tty")
        || target.equals("/dev/console");
  }

  /** Without /proc (macOS, BSD): asks {@code test -t 2} in a child that shares standard error. */
  private static boolean shellSaysTerminal() {
    try {
      Process test =
          new ProcessBuilder("sh", "-c", "test -t 2")
              .redirectInput(Redirect.PIPE)
              .redirectOutput(Redirect.DISCARD)
              .redirectError(Redirect.INHERIT)
              .start();
      test.getOutputStream().close();
      return test.waitFor(2, TimeUnit.SECONDS) && test.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
