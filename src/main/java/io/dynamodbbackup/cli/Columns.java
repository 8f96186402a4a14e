package io.dynamodbbackup.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/** Prints rows as aligned columns, two spaces apart, for a person to read. */
final class Columns {

  private Columns() {}

  /**
   * Prints {@code rows} (the first is the header): numbers right-aligned, the last column unpadded
   * so that a line never ends in spaces.
   *
   * @param numeric the indexes of the columns that hold numbers
   */
  static void print(List<List<String>> rows, Set<Integer> numeric, PrintWriter out) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        boolean last = i == row.size() - 1;
        String pad = " ".repeat(widths[i] - cell.length());
        line.append(numeric.contains(i) ? pad + cell : last ? cell : cell + pad);
        if (!last) {
          line.append("  ");
        }
      }
      out.println(line);
    }
  }
}
