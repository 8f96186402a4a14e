package io.dynamodbbackup.demo;

import io.dynamodbbackup.testing.LocalEngines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar in its own JVM, pointed at the local engines, and measures its peak memory.
 */
public final class JarProcess {

  /** How a run ended. */
  public record Outcome(int exitCode, String stdout, long peakRssBytes, double seconds) {}

  private final Path jar;
  private final LocalEngines engines;
  private final List<String> jvmOptions;

  public JarProcess(Path jar, LocalEngines engines, List<String> jvmOptions) {
    this.jar = jar;
    this.engines = engines;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * Runs the tool with {@code args} plus the engines' endpoints. Its standard error goes to ours;
   * its standard output is echoed and returned.
   */
  public Outcome run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    command.addAll(
        List.of(
            "--dynamodb-endpoint",
            engines.dynamoEndpoint().toString(),
            "--s3-endpoint",
            engines.s3Endpoint().toString(),
            "--s3-path-style",
            "--region",
            engines.region().id()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    long start = System.nanoTime();
    Process process = builder.start();
    StringBuilder stdout = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (var lines = process.inputReader().lines()) {
                lines.forEach(
                    line -> {
                      System.out.println(line);
                      synchronized (stdout) {
                        stdout.append(line).append('\n');
                      }
                    });
              }
            },
            "tool-stdout");
    reader.start();
    long peak = 0;
    while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, PeakMemory.rssBytes(process.pid()));
    }
    reader.join();
    synchronized (stdout) {
      return new Outcome(
          process.exitValue(), stdout.toString(), peak, (System.nanoTime() - start) / 1e9);
    }
  }
}
