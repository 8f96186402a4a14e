package io.dynamodbbackup.demo;

import io.dynamodbbackup.testing.LocalEngines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the built jar in its own JVM, pointed at the local engines, and measures its peak memory
 * and, where GNU time is installed, the CPU time it spent (user and system, all its threads).
 */
public final class JarProcess {

  /**
   * How a run ended.
   *
   * @param cpuSeconds user plus system time of the process; NaN where it could not be measured
   * @param progress the process's CPU time each time its log reported more items done, in order
   * @param compilerCpuSeconds the JIT compiler threads' CPU time, as last read before the exit
   */
  public record Outcome(
      int exitCode,
      String stdout,
      long peakRssBytes,
      double seconds,
      double cpuSeconds,
      List<Progress> progress,
      double compilerCpuSeconds) {}

  /**
   * The CPU-seconds the process, and its JIT compiler threads, had spent when its log reported
   * {@code items} done.
   */
  public record Progress(long items, double cpuSeconds, double compilerCpuSeconds) {}

  private static final Pattern PROGRESS = Pattern.compile("progress: ([0-9,]+) items");
  // The clock ticks of /proc/PID/stat's times: USER_HZ, which Linux fixes at 100.
  private static final double TICKS_PER_SECOND = 100;

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
   * Runs the tool with {@code args} plus the engines' endpoints. Its standard output is echoed and
   * returned; its log (standard error) is echoed to ours, but for its progress lines.
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
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> env = builder.environment();
    env.put("AWS_ACCESS_KEY_ID", LocalEngines.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", LocalEngines.SECRET_KEY);
    long start = System.nanoTime();
    Process process = builder.start();
    StringBuilder stdout = new StringBuilder();
    AtomicLong done = new AtomicLong();
    Thread reader =
        readLines(
            process.inputReader(),
            "tool-stdout",
            line -> {
              System.out.println(line);
              synchronized (stdout) {
                stdout.append(line).append('\n');
              }
            });
    // The log: echoed but for its progress lines, which are only counted.
    Thread log =
        readLines(
            process.errorReader(),
            "tool-log",
            line -> {
              Matcher m = PROGRESS.matcher(line);
              if (m.find()) {
                done.set(Long.parseLong(m.group(1).replace(",", "")));
              } else {
                System.err.println(line);
              }
            });
    long peak = 0;
    List<Progress> progress = new ArrayList<>();
    CompilerThreads compilers = new CompilerThreads();
    while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, PeakMemory.rssBytes(process.pid()));
      long jvm = jvmPid(process);
      compilers.read(jvm);
      long items = done.get();
      if (items > 0 && (progress.isEmpty() || progress.get(progress.size() - 1).items() < items)) {
        double cpu = cpuSeconds(Path.of("/proc", Long.toString(jvm), "stat"));
        if (!Double.isNaN(cpu)) {
          progress.add(new Progress(items, cpu, compilers.cpuSeconds()));
        }
      }
    }
    reader.join();
    log.join();
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
      return new Outcome(
          process.exitValue(),
          stdout.toString(),
          peak,
          seconds,
          cpu,
          List.copyOf(progress),
          compilers.cpuSeconds());
    }
  }

  /** Starts a thread that hands each line of {@code in} to {@code line} until it ends. */
  private static Thread readLines(BufferedReader in, String name, Consumer<String> line) {
    Thread thread =
        new Thread(
            () -> {
              try (var lines = in.lines()) {
                lines.forEach(line);
              }
            },
            name);
    thread.start();
    return thread;
  }

  /** The JVM's pid: the process itself, or GNU time's child. */
  private static long jvmPid(Process process) {
    return process.toHandle().children().map(ProcessHandle::pid).findFirst().orElse(process.pid());
  }

  /**
   * The CPU time of the JIT compiler threads, each as last read: the JVM starts and stops them as
   * its compile queue grows and shrinks, so one that ended keeps what it had spent.
   */
  private static final class CompilerThreads {

    private final Map<String, Double> byThread = new HashMap<>();

    void read(long pid) {
      Path tasks = Path.of("/proc", Long.toString(pid), "task");
      try (Stream<Path> threads = Files.list(tasks)) {
        threads.forEach(
            thread -> {
              try {
                if (Files.readString(thread.resolve("comm")).contains("CompilerThre")) {
                  double cpu = JarProcess.cpuSeconds(thread.resolve("stat"));
                  if (!Double.isNaN(cpu)) {
                    byThread.put(thread.getFileName().toString(), cpu);
                  }
                }
              } catch (IOException | UncheckedIOException e) {
                // The thread ended between the listing and the read.
              }
            });
      } catch (IOException | UncheckedIOException e) {
        // The process ended.
      }
    }

    double cpuSeconds() {
      return byThread.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /** User plus system CPU-seconds from a /proc stat file; NaN where it cannot be read. */
  private static double cpuSeconds(Path stat) {
    try {
      String line = Files.readString(stat);
      String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
      // utime and stime: the 14th and 15th fields of the line, after the pid and the name.
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
