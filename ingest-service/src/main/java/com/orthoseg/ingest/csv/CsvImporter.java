package com.orthoseg.ingest.csv;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orthoseg.ingest.EventKind;
import com.orthoseg.ingest.IngestConfig;
import com.orthoseg.ingest.IngestMetrics;
import com.orthoseg.ingest.IngestMetrics.Outcome;
import com.orthoseg.ingest.publish.EventPublisher;
import com.orthoseg.ingest.publish.PublishBatch;
import com.orthoseg.ingest.publish.SeenEventIds;
import com.orthoseg.ingest.validation.FieldError;
import com.orthoseg.ingest.validation.RecordValidator;
import com.orthoseg.ingest.validation.Validated;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports a Datacamp-format CSV file row by row: every valid row is published, every bad row is
 * reported with its line and reasons, and a bad row never stops its neighbours. The file is streamed;
 * memory holds the in-flight records and 8 bytes per row for duplicate detection.
 */
@ApplicationScoped
public class CsvImporter {

    private static final Logger LOG = Logger.getLogger(CsvImporter.class);
    private static final long PROGRESS_EVERY_ROWS = 100_000;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setNullString("null")
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .get();

    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final IngestConfig config;

    public CsvImporter(EventPublisher publisher, IngestMetrics metrics, IngestConfig config) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    public ImportSummary importFile(EventKind kind, Reader csv) {
        Instant receivedAt = Instant.now();
        RecordValidator validator = RecordValidator.of(kind);
        PublishBatch batch = new PublishBatch(publisher, kind, config.maxInFlight(), config.publishTimeout());
        SeenEventIds seen = new SeenEventIds();
        List<ImportSummary.Rejection> rejections = new ArrayList<>();
        long rows = 0;
        long accepted = 0;
        long rejected = 0;
        long duplicates = 0;

        try (CSVParser parser = FORMAT.parse(new RecordLengthLimit(csv, config.maxCsvRecordLength()))) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new CsvFormatException("the file is empty; expected a header line with " + headers(kind));
            }
            CSVRecord headerRecord = records.next();
            if (headerRecord.size() > config.maxCsvColumns()) {
                throw new CsvFormatException("the header has " + headerRecord.size() + " columns; at most "
                        + config.maxCsvColumns() + " are read");
            }
            Header header = Header.read(kind, headerRecord);
            long previousRecordEnd = parser.getCurrentLineNumber();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long line = previousRecordEnd + 1;
                previousRecordEnd = parser.getCurrentLineNumber();
                rows++;

                List<String> reasons = new ArrayList<>();
                Validated validated = header.validate(record, validator, receivedAt, reasons);
                if (!reasons.isEmpty()) {
                    rejected++;
                    if (rejections.size() < config.maxListedRejections()) {
                        rejections.add(new ImportSummary.Rejection(line, reasons));
                    }
                } else if (!seen.firstTime(validated.event().eventId())) {
                    duplicates++;
                } else {
                    batch.send(validated.event());
                    accepted++;
                }
                if (rows % PROGRESS_EVERY_ROWS == 0) {
                    LOG.infof("Importing %s: %d rows read, %d accepted, %d rejected", kind.path(), rows, accepted, rejected);
                }
            }
            batch.awaitAll();
            metrics.count(kind, Outcome.accepted, accepted);
            return new ImportSummary(kind.path(), rows, accepted, rejected, duplicates, rejections,
                    rejected > rejections.size(), header.ignored());
        } catch (IOException e) {
            batch.awaitAll();
            throw unreadable(e, rows, accepted);
        } catch (UncheckedIOException e) {
            // commons-csv reports malformed CSV (such as an unclosed quote) and the reader's failures this way
            batch.awaitAll();
            throw unreadable(e.getCause(), rows, accepted);
        } finally {
            metrics.count(kind, Outcome.rejected, rejected);
            metrics.count(kind, Outcome.duplicate, duplicates);
        }
    }

    private static CsvFormatException unreadable(IOException e, long rows, long accepted) {
        String published = rows == 0 ? "" : " (the " + rows + " rows before it were imported, " + accepted
                + " accepted; importing the corrected file again is safe)";
        if (e instanceof CharacterCodingException) {
            return new CsvFormatException("the file is not UTF-8 text after data row " + rows + published, accepted);
        }
        return new CsvFormatException("malformed CSV after data row " + rows + ": " + e.getMessage() + published, accepted);
    }

    private static List<String> headers(EventKind kind) {
        return DatacampColumns.of(kind).stream().map(DatacampColumns.Column::header).toList();
    }

    /** The columns of one file, matched to the format's columns by header (case and spaces aside). */
    private record Header(List<Optional<DatacampColumns.Column>> columns, Map<String, String> headerOfField,
                          List<String> ignored) {

        static Header read(EventKind kind, CSVRecord headerRecord) {
            Map<String, DatacampColumns.Column> known = new HashMap<>();
            for (DatacampColumns.Column column : DatacampColumns.of(kind)) {
                known.put(normalize(column.header()), column);
            }
            List<Optional<DatacampColumns.Column>> columns = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            Set<String> present = new HashSet<>();
            for (String name : headerRecord) {
                String key = normalize(name == null ? "null" : name);
                DatacampColumns.Column column = known.get(key);
                if (column != null && !present.add(key)) {
                    throw new CsvFormatException("the column \"" + name + "\" appears twice in the header");
                }
                columns.add(Optional.ofNullable(column));
                if (column == null) {
                    ignored.add(name);
                }
            }
            List<String> missing = DatacampColumns.of(kind).stream()
                    .filter(c -> c.required() && !present.contains(normalize(c.header())))
                    .map(DatacampColumns.Column::header)
                    .toList();
            if (!missing.isEmpty()) {
                throw new CsvFormatException("the header lacks the required column(s) " + missing
                        + "; the columns of a " + kind.path() + " file are " + headers(kind));
            }
            Map<String, String> headerOfField = new HashMap<>();
            DatacampColumns.of(kind).forEach(c -> headerOfField.put(c.field(), c.header()));
            return new Header(columns, headerOfField, ignored);
        }

        Validated validate(CSVRecord record, RecordValidator validator, Instant receivedAt, List<String> reasons) {
            if (record.size() != columns.size()) {
                reasons.add("expected " + columns.size() + " columns as in the header, got " + record.size());
                return null;
            }
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            Set<String> unreadable = new HashSet<>();
            for (int i = 0; i < columns.size(); i++) {
                Optional<DatacampColumns.Column> column = columns.get(i);
                if (column.isPresent()) {
                    String error = DatacampColumns.put(json, column.get(), record.get(i));
                    if (error != null) {
                        reasons.add(column.get().header() + ": " + error);
                        unreadable.add(column.get().field());
                    }
                }
            }
            Validated validated = validator.validate(json, receivedAt);
            for (FieldError error : validated.errors()) {
                if (!unreadable.contains(error.field())) {
                    reasons.add(headerOfField.getOrDefault(error.field(), error.field()) + ": " + error.message());
                }
            }
            return validated;
        }

        private static String normalize(String header) {
            return header.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        }
    }
}
