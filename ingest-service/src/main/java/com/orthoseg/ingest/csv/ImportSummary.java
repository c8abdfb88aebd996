package com.orthoseg.ingest.csv;

import java.util.List;

/**
 * What an import did with every row of a file.
 *
 * @param rows                 data rows read (the header not counted)
 * @param duplicates           rows identical to an earlier row of the same file; not published again
 * @param rejections           the rejected rows with their reasons, the first {@code max-listed-rejections}
 * @param rejectionsTruncated  true when more rows were rejected than listed
 * @param ignoredColumns       columns of the file that the format does not know
 */
public record ImportSummary(String kind, long rows, long accepted, long rejected, long duplicates,
                            List<Rejection> rejections, boolean rejectionsTruncated, List<String> ignoredColumns) {

    /** A rejected row: its line in the file (the header is line 1) and what is wrong with it. */
    public record Rejection(long line, List<String> reasons) {
    }
}
