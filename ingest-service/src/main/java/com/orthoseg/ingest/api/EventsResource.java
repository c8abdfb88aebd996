package com.orthoseg.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import com.orthoseg.support.Problem;
import com.orthoseg.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/{doctors|orders|complaints|instructions}}: records as one JSON object, a JSON
 * array or NDJSON. All valid, or nothing is published; 202 once Kafka has acknowledged them all.
 */
@RolesAllowed(Roles.INGEST)
@Path("/api/v1")
public class EventsResource {

    static final String NDJSON = "application/x-ndjson";

    private final EventPublisher publisher;
    private final IngestMetrics metrics;
    private final IngestConfig config;
    private final ObjectMapper mapper;

    public EventsResource(EventPublisher publisher, IngestMetrics metrics, IngestConfig config, ObjectMapper mapper) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.mapper = mapper;
    }

    /** What a request published. */
    public record Accepted(String kind, int accepted, int duplicates, List<UUID> eventIds) {
    }

    @POST
    @Path("/{kind}")
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish records",
            description = "One JSON object, a JSON array of objects, or NDJSON (one object per line). If any record "
                    + "is invalid, nothing is published and every bad field is named with its record index. A record "
                    + "sent again gets the same event id. A time the record states (placedAt, filedAt, updatedAt) is "
                    + "part of its id, so correcting an order's date alone is a correction and setting a value back "
                    + "to an earlier one needs updatedAt; the receive time ingest fills in for a missing one is not.")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "order", value = """
                            {"doctorId": "ABJEAI", "orderId": "DGEJFDC", "orderNum": "AIBEHCJ",
                             "placedAt": "2026-03-01T10:15:00Z", "amount": 1250.00,
                             "conditions": {"A": false, "B": true, "J": "Before"}}"""),
                    @ExampleObject(name = "doctor", value = """
                            {"doctorId": "AHDCBA", "region": "4 15", "category": "SPECIALIST", "rank": "AMBASSADOR",
                             "incidenceRate": 49, "rRate": 0.9, "satisfaction": 53.85, "experience": 1.2, "purchases": 49}"""),
                    @ExampleObject(name = "complaint", value = """
                            {"doctorId": "EHAHI", "complaintType": "Correct", "qty": 10, "filedAt": "2026-02-11"}"""),
                    @ExampleObject(name = "instructions", value = """
                            {"doctorId": "ADIFBD", "includesSpecialInstructions": true}""")}),
            @Content(mediaType = NDJSON, examples = @ExampleObject(name = "two orders", value = """
                    {"doctorId": "ABJEAI", "orderId": "O-1", "placedAt": "2026-03-01"}
                    {"doctorId": "HBIEA", "orderId": "O-2", "placedAt": "2026-03-02"}"""))})
    @APIResponse(responseCode = "202", description = "Every record acknowledged by Kafka")
    @APIResponse(responseCode = "400", description = "Malformed or invalid records; nothing published",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body or record count over the limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka unavailable; retry after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(
            @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"doctors", "orders", "complaints", "instructions"})) @PathParam("kind") String path,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        EventKind kind = IngestProblems.kindOf(path);
        boolean ndjson = contentType != null && contentType.startsWith(NDJSON);
        List<JsonNode> records = JsonBody.read(mapper,
                new SizeLimitedInputStream(body, config.maxRequestSize().asLongValue()),
                ndjson, config.maxRecordsPerRequest());

        Instant receivedAt = Instant.now();
        RecordValidator validator = RecordValidator.of(kind);
        List<Validated> validated = new ArrayList<>(records.size());
        List<Problem.Error> errors = new ArrayList<>();
        int badRecords = 0;
        for (int index = 0; index < records.size(); index++) {
            Validated one = validator.validate(records.get(index), receivedAt);
            validated.add(one);
            if (!one.isValid()) {
                badRecords++;
                for (FieldError error : one.errors()) {
                    errors.add(new Problem.Error(index, error.field(), error.message()));
                }
            }
        }
        if (badRecords > 0) {
            metrics.count(kind, Outcome.rejected, badRecords);
            throw IngestProblems.invalidRecords(errors, badRecords);
        }

        PublishBatch batch = new PublishBatch(publisher, kind, records.size(), config.publishTimeout());
        SeenEventIds seen = new SeenEventIds();
        List<UUID> eventIds = new ArrayList<>(records.size());
        int duplicates = 0;
        for (Validated one : validated) {
            if (seen.firstTime(one.event().eventId())) {
                batch.send(one.event());
                eventIds.add(one.event().eventId());
            } else {
                duplicates++;
            }
        }
        batch.awaitAll();
        metrics.count(kind, Outcome.accepted, eventIds.size());
        metrics.count(kind, Outcome.duplicate, duplicates);
        return Response.accepted(new Accepted(kind.path(), eventIds.size(), duplicates, eventIds)).build();
    }
}
