package io.dynamodbbackup.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident memory from /proc (Linux); 0 where that is not available. */
final class PeakMemory {

  private PeakMemory() {}

  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process has just exited, or this is not Linux.
    }
    return 0;
  }
}
