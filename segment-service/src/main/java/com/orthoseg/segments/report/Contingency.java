package com.orthoseg.segments.report;

import org.apache.commons.math3.stat.inference.ChiSquareTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A table of doctor counts by two categorical attributes, with Pearson's chi-square test of
 * independence (commons-math3) and Cramér's V as its effect size. Empty rows and columns are left out
 * (they carry no information and would make expected counts zero). {@code sparse} warns that more than
 * a fifth of the expected counts are below 5, where the chi-square approximation is unreliable.
 */
public record Contingency(String rowsAre, String columnsAre, List<String> rows, List<String> columns, long[][] counts,
                          Double chiSquare, Integer degreesOfFreedom, Double pValue, Double cramersV, boolean sparse) {

    /** Counts the items by their row and column labels; labels keep the order they are first met in the given lists. */
    static <T> Contingency count(String rowsAre, String columnsAre, List<String> rowOrder, List<String> columnOrder,
                                 List<T> items, Function<T, String> row, Function<T, String> column) {
        Map<String, Map<String, Long>> cells = new LinkedHashMap<>();
        for (T item : items) {
            cells.computeIfAbsent(row.apply(item), r -> new LinkedHashMap<>()).merge(column.apply(item), 1L, Long::sum);
        }
        List<String> rows = rowOrder.stream().filter(r -> cells.containsKey(r)).toList();
        List<String> columns = columnOrder.stream()
                .filter(c -> cells.values().stream().anyMatch(counts -> counts.containsKey(c))).toList();
        long[][] counts = new long[rows.size()][columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                counts[i][j] = cells.get(rows.get(i)).getOrDefault(columns.get(j), 0L);
            }
        }
        return test(rowsAre, columnsAre, rows, columns, counts);
    }

    private static Contingency test(String rowsAre, String columnsAre, List<String> rows, List<String> columns, long[][] counts) {
        if (rows.size() < 2 || columns.size() < 2) {
            return new Contingency(rowsAre, columnsAre, rows, columns, counts, null, null, null, null, false);
        }
        ChiSquareTest test = new ChiSquareTest();
        double chiSquare = test.chiSquare(counts);
        double p = test.chiSquareTest(counts);
        long total = 0;
        long[] rowTotals = new long[rows.size()];
        long[] columnTotals = new long[columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                rowTotals[i] += counts[i][j];
                columnTotals[j] += counts[i][j];
                total += counts[i][j];
            }
        }
        int small = 0;
        for (long rowTotal : rowTotals) {
            for (long columnTotal : columnTotals) {
                small += (double) rowTotal * columnTotal / total < 5 ? 1 : 0;
            }
        }
        double cramersV = Math.sqrt(chiSquare / (total * (Math.min(rows.size(), columns.size()) - 1.0)));
        return new Contingency(rowsAre, columnsAre, rows, columns, counts, chiSquare,
                (rows.size() - 1) * (columns.size() - 1), p, cramersV, small > 0.2 * rows.size() * columns.size());
    }

    /** Rows in the order of their totals, largest first (then by label). */
    static List<String> byFrequency(List<String> labels) {
        Map<String, Long> frequency = new LinkedHashMap<>();
        labels.forEach(label -> frequency.merge(label, 1L, Long::sum));
        List<String> ordered = new ArrayList<>(frequency.keySet());
        ordered.sort((a, b) -> frequency.get(a).equals(frequency.get(b)) ? a.compareTo(b) : Long.compare(frequency.get(b), frequency.get(a)));
        return ordered;
    }
}
