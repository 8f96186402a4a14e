package io.dynamodbbackup.restore;

import io.dynamodbbackup.JobFailedException;
import io.dynamodbbackup.source.DataFile;
import io.dynamodbbackup.source.ExportChains;
import io.dynamodbbackup.source.LocatedBackup;
import java.time.Instant;
import java.util.List;

/**
 * One part of a restore whose writes are all done before the next part starts: a backup's files, or
 * one export of a chain (the base's items, then each link's changes in window order).
 *
 * @param describe what it is, for the log
 * @param files its data files
 * @param records the items or change records it holds, or null when unknown
 * @param at the moment the table holds once the step is applied (an export's), or null
 */
record RestoreStep(String describe, List<DataFile> files, Long records, Instant at) {

  /** The steps of restoring {@code source}, up to {@code plan}'s --to-time for an export chain. */
  static List<RestoreStep> of(RestorePlan plan, LocatedBackup source) {
    ExportChains.Export export = source.export();
    if (export == null) {
      if (plan.toTime() != null) {
        throw new JobFailedException(
            "--to-time applies to the exports this tool drove (backup --engine export), not to "
                + source.uri(),
            null);
      }
      return List.of(new RestoreStep(source.uri(), source.files(), source.itemCount(), null));
    }
    if (!export.manifest().incremental() && plan.toTime() == null) {
      return List.of(
          new RestoreStep(
              source.uri(), source.files(), source.itemCount(), export.manifest().exportTime()));
    }
    ExportChains chains = new ExportChains(plan.source());
    List<ExportChains.Export> chain;
    try {
      chain = chains.upTo(chains.chainTo(export), plan.toTime());
    } catch (JobFailedException e) {
      throw e;
    } catch (Exception e) {
      throw new JobFailedException(
          "cannot restore " + source.uri() + ": " + JobFailedException.reason(e), e);
    }
    return chain.stream()
        .map(
            e -> {
              LocatedBackup located = LocatedBackup.ofExport(plan.source(), e);
              String what =
                  e.manifest().incremental()
                      ? "the changes from "
                          + e.manifest().exportFromTime()
                          + " to "
                          + e.manifest().exportTime()
                      : "the full export at " + e.manifest().exportTime();
              return new RestoreStep(
                  what + " (" + located.uri() + ")",
                  located.files(),
                  located.itemCount(),
                  e.manifest().exportTime());
            })
        .toList();
  }

  /** The moment the table holds after the last step, or null when that is not an export's. */
  static Instant restoredTo(List<RestoreStep> steps) {
    return steps.get(steps.size() - 1).at();
  }

  /** The records of all steps, or null when any is unknown. */
  static Long total(List<RestoreStep> steps) {
    long total = 0;
    for (RestoreStep step : steps) {
      if (step.records() == null) {
        return null;
      }
      total += step.records();
    }
    return total;
  }
}
