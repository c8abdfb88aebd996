package com.orthoseg.ingest.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails a CSV stream as soon as one record grows past a number of characters. commons-csv has no such
 * limit and holds a record in memory while it reads it, so an unclosed quote in a large file would
 * otherwise fill the heap. A record ends at a line break outside quotes (RFC 4180: every {@code "}
 * opens or closes a quoted stretch, an escaped {@code ""} does both).
 */
final class RecordLengthLimit extends FilterReader {

    /** Thrown from {@code read}, so commons-csv passes it on as the reason the file cannot be read. */
    static final class TooLong extends IOException {
        TooLong(long line, int limit) {
            super("the record starting on line " + line + " is longer than " + limit + " characters");
        }
    }

    private final int limit;
    private long line = 1;
    private long recordStartLine = 1;
    private int recordLength;
    private boolean quoted;

    RecordLengthLimit(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            count(buffer[i]);
        }
        return n;
    }

    private void count(char c) throws TooLong {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == '\n') {
            line++;
            if (!quoted) {
                recordLength = 0;
                recordStartLine = line;
                return;
            }
        }
        if (++recordLength > limit) {
            throw new TooLong(recordStartLine, limit);
        }
    }
}
