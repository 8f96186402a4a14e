package io.dynamodbbackup.demo;

import io.dynamodbbackup.testing.LocalEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built jar in its own JVM, pointed at the local engines, and measures its peak memory
 * and, where GNU time is installed, the CPU time it spent (user and system, all its threads).
 */
public final class JarProcess {

  /** How a run ended. */
  /**
   * How a run ended.
   *
   * @param cpuSeconds user plus system time of the process; NaN where it could not be measured
   */
  public record Outcome(
      int exitCode, String stdout, long peakRssBytes, double seconds, double cpuSeconds) {}

  private static final Path GNU_TIME = Path.of("/usr/bin/time");

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
    Path times = null;
    if (Files.isExecutable(GNU_TIME)) {
      times = Files.createTempFile("dynamodb-backup-time", ".txt");
      command.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", times.toString()));
    }
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
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = Double.NaN;
    if (times != null) {
      // The last line: user and system seconds, then the maximum resident set in KB.
      List<String> lines = Files.readAllLines(times);
      String[] fields = lines.get(lines.size() - 1).trim().split(" ");
      cpu = Double.parseDouble(fields[0]) + Double.parseDouble(fields[1]);
      peak = Long.parseLong(fields[2]) * 1024;
      Files.delete(times);
    }
    synchronized (stdout) {
      return new Outcome(process.exitValue(), stdout.toString(), peak, seconds, cpu);
    }
  }
}
