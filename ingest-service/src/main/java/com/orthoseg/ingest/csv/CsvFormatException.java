package com.orthoseg.ingest.csv;

/** The file as a whole cannot be imported (no header, a required column missing, not CSV). */
public class CsvFormatException extends RuntimeException {

    public CsvFormatException(String message) {
        super(message);
    }
}
