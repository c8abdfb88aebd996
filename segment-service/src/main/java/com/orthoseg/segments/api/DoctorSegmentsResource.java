package com.orthoseg.segments.api;

import com.orthoseg.events.SegmentChanged.Driver;
import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.events.SegmentChanged.SegmentRef;
import com.orthoseg.segments.assign.ActiveModel;
import com.orthoseg.segments.assign.Assignment;
import com.orthoseg.segments.assign.DoctorState;
import com.orthoseg.segments.assign.ModelCache;
import com.orthoseg.segments.model.Placement;
import com.orthoseg.segments.store.SegmentQueries;
import com.orthoseg.segments.store.SegmentQueries.HistoryEntry;
import com.orthoseg.support.Problem;
import com.orthoseg.support.ProblemException;
import com.orthoseg.support.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** For support teams: a doctor's segment in each scheme, since when and why; and its history. */
@RolesAllowed(Roles.SUPPORT)
@Path("/api/v1/doctors/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class DoctorSegmentsResource {

    /**
     * @param segmented           false with notSegmentedBecause saying why
     * @param since               when the doctor entered this segment (never before its previous change)
     * @param margin              how clearly the doctor belongs to it (1 − own distance / runner-up distance for clusters)
     */
    public record SchemeSegment(Scheme scheme, boolean segmented, SegmentRef segment, Instant since, String modelVersion,
                                Double margin, List<Driver> drivers, String notSegmentedBecause) {

        static SchemeSegment none(Scheme scheme, String because) {
            return new SchemeSegment(scheme, false, null, null, null, null, List.of(), because);
        }
    }

    /**
     * @param at               the instant asked about; null for now
     * @param featuresSequence the doctor's latest DoctorFeatures record, which the current segments were placed from
     *                         (compare with feature-service's {@code sequence}); null for a past instant
     * @param featuresAsOf     that record's asOf; null for a past instant
     */
    public record DoctorSegments(String doctorId, Instant at, Long featuresSequence, Instant featuresAsOf,
                                 List<SchemeSegment> schemes) {
    }

    private final SegmentQueries queries;
    private final ModelCache models;
    private final Pool pool;

    public DoctorSegmentsResource(SegmentQueries queries, ModelCache models, Pool pool) {
        this.queries = queries;
        this.models = models;
        this.pool = pool;
    }

    @GET
    @Path("/segments")
    @Operation(summary = "A doctor's segment per scheme",
            description = "Now, or at a past instant (?at=2026-01-31T00:00:00Z) from the assignment history.")
    @APIResponse(responseCode = "200", description = "One entry per scheme: the segment, or why the doctor is not segmented",
            content = @Content(schema = @Schema(implementation = DoctorSegments.class)))
    @APIResponse(responseCode = "404", description = "No features of this doctor have been received",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DoctorSegments> segments(@PathParam("id") String doctorId,
                                        @Parameter(description = "ISO-8601 instant") @QueryParam("at") String at) {
        Params.id(doctorId, "doctor id");
        Instant instant = instant(at);
        return known(doctorId).flatMap(doctor -> instant == null ? now(doctor) : past(doctorId, instant));
    }

    @GET
    @Path("/segment-history")
    @Operation(summary = "Every segment change of a doctor, oldest first")
    @APIResponse(responseCode = "404", description = "No features of this doctor have been received",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<HistoryEntry>> history(@PathParam("id") String doctorId) {
        Params.id(doctorId, "doctor id");
        return known(doctorId).flatMap(doctor -> queries.history(doctorId, null));
    }

    private Uni<DoctorState> known(String doctorId) {
        return queries.doctor(doctorId).map(found -> found.orElseThrow(() -> ProblemException.notFound(
                "no doctor " + doctorId + ": segment-service has received no features of this doctor")));
    }

    private Uni<DoctorSegments> now(DoctorState doctor) {
        return queries.assignments(doctor.doctorId()).flatMap(assigned -> models.active(pool).map(active -> {
            List<SchemeSegment> schemes = new ArrayList<>();
            for (Scheme scheme : Scheme.values()) {
                Assignment a = assigned.get(scheme);
                schemes.add(a != null
                        ? new SchemeSegment(scheme, true, new SegmentRef(a.segmentId(), a.segmentName()), a.since(),
                        a.modelVersion(), a.margin(), a.drivers(), null)
                        : SchemeSegment.none(scheme, whyNot(doctor, active.get(scheme))));
            }
            return new DoctorSegments(doctor.doctorId(), null, doctor.sequence(), doctor.asOf(), schemes);
        }));
    }

    private static String whyNot(DoctorState doctor, ActiveModel active) {
        if (active == null) {
            return "no model version of this scheme is active yet";
        }
        Placement placement = active.model().place(doctor.doctorId(), doctor.features(), doctor.coverage(), null);
        return placement.segmented() ? "not placed yet: its latest features are being processed" : placement.notSegmentedBecause();
    }

    private Uni<DoctorSegments> past(String doctorId, Instant at) {
        return queries.history(doctorId, at).map(history -> {
            Map<Scheme, HistoryEntry> last = new HashMap<>();
            history.forEach(entry -> last.put(entry.scheme(), entry));
            List<SchemeSegment> schemes = new ArrayList<>();
            for (Scheme scheme : Scheme.values()) {
                HistoryEntry e = last.get(scheme);
                if (e == null) {
                    schemes.add(SchemeSegment.none(scheme, "not yet segmented at " + at));
                } else if (e.segmentId() == null) {
                    schemes.add(SchemeSegment.none(scheme, "left every segment at " + e.changedAt() + " (" + e.reason() + ")"));
                } else {
                    schemes.add(new SchemeSegment(scheme, true, new SegmentRef(e.segmentId(), e.segmentName()),
                            e.changedAt(), e.modelVersion(), e.margin(), e.drivers(), null));
                }
            }
            return new DoctorSegments(doctorId, at, null, null, schemes);
        });
    }

    private static Instant instant(String at) {
        if (at == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("at must be an ISO-8601 instant such as 2026-01-31T00:00:00Z, not '"
                    + (at.length() > 40 ? at.substring(0, 40) + "…" : at) + "'");
        }
        // PostgreSQL's timestamps end in year 294276 while Instant.parse goes to +1000000000: bound it first
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(Instant.now().plus(Duration.ofDays(1)))) {
            throw ProblemException.badRequest("at must lie between 1970-01-01T00:00:00Z and now, not " + instant);
        }
        return instant;
    }
}
