package dev.mcppolicy.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an LCOV tracefile by the grammar geninfo(1) documents, and refuses anything else: each
 * record is {@code TN:} (optional), {@code SF:<file>}, then {@code FN/FNDA/FNF/FNH},
 * {@code BRDA:<line>,<block>,<branch>,<taken|->}, {@code BRF/BRH}, {@code DA:<line>,<count>[,<checksum>]},
 * {@code LF/LH}, and {@code end_of_record}; the totals must agree with the lines they count.
 * A test reader, written from the format's description so that it checks what a code host reads.
 */
final class LcovReader {
  /** One source file's record: per line, its execution count and its branches' taken counts (-1 for '-'). */
  record FileRecord(String file, Map<Integer, Long> lines, Map<Integer, List<Long>> branches) {}

  private LcovReader() {}

  static Map<String, FileRecord> read(String text) {
    Map<String, FileRecord> files = new LinkedHashMap<>();
    FileRecord current = null;
    Long brf = null;
    Long brh = null;
    Long lf = null;
    Long lh = null;
    int n = 0;
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the last line has no newline");
    }
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue; // the split's last piece
      }
      String where = "line " + n + ": ";
      if (line.startsWith("TN:")) {
        require(current == null, where + "TN inside a record");
      } else if (line.startsWith("SF:")) {
        require(current == null, where + "SF inside a record");
        require(line.length() > 3, where + "SF without a file");
        current = new FileRecord(line.substring(3), new TreeMap<>(), new TreeMap<>());
        brf = brh = lf = lh = null;
      } else if (line.equals("end_of_record")) {
        require(current != null, where + "end_of_record outside a record");
        long branchesFound = current.branches().values().stream().mapToLong(List::size).sum();
        long branchesHit = current.branches().values().stream().flatMap(List::stream).filter(t -> t > 0).count();
        long linesHit = current.lines().values().stream().filter(c -> c > 0).count();
        require(brf == null || brf == branchesFound, where + "BRF " + brf + " but " + branchesFound + " branches");
        require(brh == null || brh == branchesHit, where + "BRH " + brh + " but " + branchesHit + " taken");
        require(lf == null || lf == current.lines().size(), where + "LF " + lf + " but " + current.lines().size() + " lines");
        require(lh == null || lh == linesHit, where + "LH " + lh + " but " + linesHit + " hit");
        require(!files.containsKey(current.file()), where + "a second record for " + current.file());
        files.put(current.file(), current);
        current = null;
      } else {
        require(current != null, where + "outside a record: " + line);
        int colon = line.indexOf(':');
        require(colon > 0, where + "not a field: " + line);
        String field = line.substring(0, colon);
        String[] v = line.substring(colon + 1).split(",", -1);
        switch (field) {
          case "DA" -> {
            require(v.length == 2 || v.length == 3, where + "DA takes line,count[,checksum]");
            int at = positive(v[0], where);
            require(current.lines().put(at, count(v[1], where)) == null, where + "DA twice for line " + at);
          }
          case "BRDA" -> {
            require(v.length == 4, where + "BRDA takes line,block,branch,taken");
            int at = positive(v[0], where);
            count(v[1], where);
            long branch = count(v[2], where);
            List<Long> list = current.branches().computeIfAbsent(at, k -> new ArrayList<>());
            require(branch == list.size(), where + "branches of a line are numbered from 0 in order");
            list.add(v[3].equals("-") ? -1 : count(v[3], where));
          }
          case "BRF" -> brf = count(v[0], where);
          case "BRH" -> brh = count(v[0], where);
          case "LF" -> lf = count(v[0], where);
          case "LH" -> lh = count(v[0], where);
          case "FN", "FNDA", "FNF", "FNH" -> { }
          default -> throw new IllegalArgumentException(where + "unknown field " + field);
        }
      }
    }
    require(current == null, "the last record has no end_of_record");
    return files;
  }

  private static int positive(String s, String where) {
    long v = count(s, where);
    require(v >= 1 && v <= Integer.MAX_VALUE, where + "a line number starts at 1: " + s);
    return (int) v;
  }

  private static long count(String s, String where) {
    require(s.matches("[0-9]+"), where + "not a count: '" + s + "'");
    return Long.parseLong(s);
  }

  private static void require(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }
}
