package io.dynamodbbackup.backup;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.manifest.BackupKey;
import io.dynamodbbackup.manifest.ExportKey;
import io.dynamodbbackup.report.EventLog;
import io.dynamodbbackup.source.ExportChains;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plans an incremental backup: the window from the end of the newest complete export of the table
 * at this place up to now, cut into links no longer than AWS allows; a full export instead when
 * there is none to continue, when the chain's full export is gone (a lifecycle rule expired it), or
 * when it is older than the plan's full-export interval, so that chains stay short and a bucket's
 * retention never leaves links without their base.
 */
final class ExportChainPlanner {

  /** AWS's bounds on an incremental export's window. */
  static final Duration MIN_WINDOW = Duration.ofMinutes(15);

  static final Duration MAX_WINDOW = Duration.ofHours(24);

  private final ExportPlan plan;
  private final EventLog log;

  ExportChainPlanner(ExportPlan plan, EventLog log) {
    this.plan = plan;
    this.log = log;
  }

  /** The exports to run, in order, for a chain brought up to {@code now}. */
  List<Link> links(Instant now) {
    Optional<ExportChains.Export> newest;
    try {
      List<ExportChains.Export> all =
          new ExportChains(plan.source()).all(plan.prefix(), plan.table());
      newest = all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    } catch (Exception e) {
      throw new JobFailedException(
          "cannot find the exports of table "
              + plan.table()
              + " to continue at "
              + plan.destination().uri(BackupKey.tableFolder(plan.prefix(), plan.table()))
              + ": "
              + JobFailedException.reason(e),
          e);
    }
    if (newest.isEmpty()) {
      log.info(
          "no complete export of table "
              + plan.table()
              + " at "
              + plan.destination().uri(BackupKey.tableFolder(plan.prefix(), plan.table()))
              + " to continue: taking a full export first, the base of a new chain");
      return List.of(Link.full(now));
    }
    ExportChains.Export last = newest.get();
    Instant from = last.manifest().exportTime();
    String base = last.manifest().incremental() ? last.manifest().base() : last.manifestKey();
    Optional<String> restart = restart(base, now);
    if (restart.isPresent()) {
      log.info(
          "taking a full export of table "
              + plan.table()
              + ", the base of a new chain: "
              + restart.get());
      return List.of(Link.full(now));
    }
    return windows(from, now, base, last.manifestKey());
  }

  /** Why the chain must start anew at {@code now}, or empty to continue it. */
  private Optional<String> restart(String base, Instant now) {
    Instant baseTime;
    try {
      baseTime = new ExportChains(plan.source()).read(base).manifest().exportTime();
    } catch (Exception e) {
      return Optional.of(
          "the chain's full export "
              + plan.destination().uri(base)
              + " cannot be read ("
              + JobFailedException.reason(e)
              + ")");
    }
    if (plan.fullEvery() != null && !baseTime.plus(plan.fullEvery()).isAfter(now)) {
      return Optional.of(
          "the chain's full export, at "
              + baseTime
              + ", is "
              + plan.fullEvery().toHours()
              + " hours or more old (--full-every)");
    }
    return Optional.empty();
  }

  /** Links covering [from, to) in equal windows of at most {@link #MAX_WINDOW}. */
  List<Link> windows(Instant from, Instant to, String base, String previous) {
    Duration total = Duration.between(from, to);
    if (total.compareTo(MIN_WINDOW) < 0) {
      throw new JobFailedException(
          "the newest export of table "
              + plan.table()
              + " ends at "
              + from
              + ", "
              + total.toSeconds()
              + " s ago; AWS exports a window of at least "
              + MIN_WINDOW.toMinutes()
              + " minutes, so run the incremental backup again later",
          null);
    }
    long pieces = (total.toSeconds() + MAX_WINDOW.toSeconds() - 1) / MAX_WINDOW.toSeconds();
    long step = total.toSeconds() / pieces;
    List<Link> links = new ArrayList<>();
    Instant start = from;
    String before = previous;
    for (long i = 1; i <= pieces; i++) {
      Instant end = i == pieces ? to : start.plusSeconds(step);
      links.add(Link.incremental(start, end, base, before));
      before = new ExportKey(plan.prefix(), plan.table(), end).manifestKey();
      start = end;
    }
    if (pieces > 1) {
      log.info(
          "the window from "
              + from
              + " to "
              + to
              + " is longer than the "
              + MAX_WINDOW.toHours()
              + " hours AWS allows: exporting it as "
              + pieces
              + " links");
    }
    return links;
  }
}
