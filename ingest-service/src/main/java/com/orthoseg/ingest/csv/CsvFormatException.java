package com.orthoseg.ingest.csv;

/**
 * The file cannot be imported (no header, a required column missing, not CSV), or not beyond a point:
 * {@code accepted} rows before that point have been published.
 */
public class CsvFormatException extends RuntimeException {

    private final long accepted;

    public CsvFormatException(String message) {
        this(message, 0);
    }

    public CsvFormatException(String message, long accepted) {
        super(message);
        this.accepted = accepted;
    }

    public long accepted() {
        return accepted;
    }
}
