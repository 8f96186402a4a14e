package io.dynamodbbackup.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An engine run as a child process on a loopback port, its output captured to a log file. */
final class EngineProcess implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private EngineProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code command} and waits until {@code port} accepts connections.
   *
   * @param installHint what to do when the program is missing, quoted in the error
   */
  static EngineProcess start(
      String name, List<String> command, int port, Path logDir, String installHint) {
    Path log = logDir.resolve(name + "-" + port + ".log");
    Process process;
    try {
      Files.createDirectories(logDir);
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot start " + name + " (" + String.join(" ", command) + "): " + installHint, e);
    }
    EngineProcess engine = new EngineProcess(name, process, port, log);
    engine.awaitListening();
    return engine;
  }

  /** A port that was free a moment ago; the engine binds it right after, so a clash is rare. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port", e);
    }
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  int port() {
    return port;
  }

  Path log() {
    return log;
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (!accepts(port)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name
                + " exited with code "
                + process.exitValue()
                + " before listening on port "
                + port
                + "; its output ("
                + log
                + "):\n"
                + tail());
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException(
            name
                + " did not listen on port "
                + port
                + " within "
                + STARTUP_TIMEOUT
                + ":\n"
                + tail());
      }
      sleep(Duration.ofMillis(50));
    }
  }

  private String tail() {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Stops the process and its children (npm-style launchers may fork); idempotent. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for an engine to start", e);
    }
  }
}
