package com.orthoseg.ingest.api;

import com.orthoseg.support.ProblemException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the records of a request body: one JSON object, a JSON array of objects, or NDJSON. */
final class JsonBody {

    private JsonBody() {
    }

    static List<JsonNode> read(ObjectMapper mapper, InputStream body, boolean ndjson, int maxRecords) {
        List<JsonNode> records = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ProblemException.badRequest("the body holds no record");
            }
            if (!ndjson && first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    add(records, mapper.readTree(parser), maxRecords);
                }
                if (parser.nextToken() != null) {
                    throw ProblemException.badRequest("unexpected content after the JSON array at " + where(parser.currentLocation()));
                }
            } else {
                add(records, mapper.readTree(parser), maxRecords);
                if (ndjson) {
                    while (parser.nextToken() != null) {
                        add(records, mapper.readTree(parser), maxRecords);
                    }
                } else if (parser.nextToken() != null) {
                    throw ProblemException.badRequest("unexpected content after the JSON object at "
                            + where(parser.currentLocation()) + "; send several records as an array or as application/x-ndjson");
                }
            }
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed JSON in record " + records.size() + " at "
                    + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        return records;
    }

    private static void add(List<JsonNode> records, JsonNode record, int maxRecords) {
        if (records.size() == maxRecords) {
            throw ProblemException.tooLarge("more than " + maxRecords + " records in one request; split it or use an import");
        }
        records.add(record);
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
