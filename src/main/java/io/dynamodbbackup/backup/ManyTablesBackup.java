package io.dynamodbbackup.backup;

import io.dynamodbbackup.JobContext;
import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.TableSelection;
import io.dynamodbbackup.schema.TableCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backs up a list of tables, up to {@code concurrency} at once, each as its own {@link BackupJob}
 * with its own read budget, object and manifest. One table failing does not stop the others: each
 * ends as a {@link TableOutcome}. A stopping process (the calling thread interrupted) interrupts
 * the backups running, which abort their uploads, and starts no other.
 */
public final class ManyTablesBackup {

  /** Builds one table's plan; what it writes through reports to that table's context. */
  public interface Plans {
    BackupPlan forTable(String table, JobContext tableContext);
  }

  /** How long a stopping run waits for its backups to abort; the process waits 20 s at most. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(15);

  private final JobContext context;
  private final String toolVersion;
  private final int concurrency;

  public ManyTablesBackup(JobContext context, String toolVersion, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("table concurrency must be 1 or more, was " + concurrency);
    }
    this.context = context;
    this.toolVersion = toolVersion;
    this.concurrency = concurrency;
  }

  /**
   * The tables {@code selection} covers in {@code region}, listed and their tags read only where it
   * needs them.
   *
   * @throws JobFailedException when the tables cannot be listed, or none is selected
   */
  public List<String> select(TableSelection selection, String region) {
    TableCatalog catalog = new TableCatalog(context.dynamo(), context.retrier());
    List<String> tables;
    try {
      tables = selection.resolve(catalog::names, catalog::tags);
    } catch (RuntimeException e) {
      throw new JobFailedException(
          "cannot list the tables of "
              + region
              + " for "
              + selection.describe()
              + ": "
              + JobFailedException.reason(e),
          e);
    }
    if (tables.isEmpty()) {
      throw new JobFailedException(
          "no table in " + region + " is selected by " + selection.describe(), null);
    }
    return tables;
  }

  /**
   * What backing up {@code tables} would take, one DescribeTable each; a table that cannot be
   * described gets an estimate that says why.
   */
  public List<BackupEstimate> estimate(List<String> tables, BackupPlan options) {
    BackupJob job = new BackupJob(context, toolVersion);
    List<BackupEstimate> estimates = new ArrayList<>();
    for (String table : tables) {
      try {
        estimates.add(job.estimate(options.forTable(table, null)));
      } catch (JobFailedException e) {
        estimates.add(BackupEstimate.failed(table, e.getMessage()));
      }
    }
    return estimates;
  }

  /** Backs up {@code tables}; the outcomes are in the same order. */
  public List<TableOutcome> run(List<String> tables, Plans plans) {
    int threads = Math.min(concurrency, tables.size());
    boolean many = tables.size() > 1;
    if (many) {
      context
          .log()
          .info(
              String.format(
                  Locale.ROOT,
                  "backing up %d tables, %d at a time: %s",
                  tables.size(),
                  threads,
                  String.join(", ", tables)));
    }
    if (threads <= 1) {
      List<TableOutcome> outcomes = new ArrayList<>();
      for (String table : tables) {
        outcomes.add(
            Thread.currentThread().isInterrupted()
                ? TableOutcome.notStarted(table)
                : backUp(table, plans, many, true));
      }
      return outcomes;
    }
    return inParallel(tables, plans, threads);
  }

  private List<TableOutcome> inParallel(List<String> tables, Plans plans, int threads) {
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, r -> new Thread(r, "table-" + n.incrementAndGet()));
    List<Future<TableOutcome>> futures = new ArrayList<>();
    for (String table : tables) {
      // Bars of several tables would overwrite each other: progress goes to the log only.
      futures.add(pool.submit(() -> backUp(table, plans, true, false)));
    }
    pool.shutdown();
    List<Runnable> neverStarted = List.of();
    try {
      pool.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    } catch (InterruptedException stopping) {
      neverStarted = stop(pool);
    }
    List<TableOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      outcomes.add(outcome(tables.get(i), futures.get(i), neverStarted));
    }
    return outcomes;
  }

  /**
   * Interrupts the running backups and waits for them to abort what they started; the caller's
   * interrupt is set again after, so that it knows the process is stopping.
   */
  private static List<Runnable> stop(ExecutorService pool) {
    List<Runnable> neverStarted = pool.shutdownNow();
    try {
      pool.awaitTermination(STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException again) {
      // Stop waiting; the outcomes say which tables had not ended.
    }
    Thread.currentThread().interrupt();
    return neverStarted;
  }

  private static TableOutcome outcome(
      String table, Future<TableOutcome> future, List<Runnable> neverStarted) {
    if (neverStarted.contains(future)) {
      return TableOutcome.notStarted(table);
    }
    if (!future.isDone()) {
      return TableOutcome.failed(
          table,
          "backup of table "
              + table
              + " was still running when the process stopped; an unfinished upload may remain"
              + " (list --cleanup removes it)",
          Duration.ZERO);
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      return TableOutcome.failed(
          table,
          "backup of table " + table + " failed: " + JobFailedException.reason(e.getCause()),
          Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("a completed future does not wait", e);
    }
  }

  private TableOutcome backUp(String table, Plans plans, boolean nameLines, boolean drawsBar) {
    long start = context.clock().nanoTime();
    try (JobContext tableContext = context.forTable(table, nameLines, drawsBar)) {
      BackupResult result =
          new BackupJob(tableContext, toolVersion).run(plans.forTable(table, tableContext));
      return TableOutcome.ok(table, result, since(start));
    } catch (JobFailedException e) {
      return TableOutcome.failed(table, e.getMessage(), since(start));
    } catch (RuntimeException e) {
      return TableOutcome.failed(
          table,
          "backup of table " + table + " failed: " + JobFailedException.reason(e),
          since(start));
    }
  }

  private Duration since(long startNanos) {
    return Duration.ofNanos(context.clock().nanoTime() - startNanos);
  }
}
