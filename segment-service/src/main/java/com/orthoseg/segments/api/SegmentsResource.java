package com.orthoseg.segments.api;

import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.assign.ActiveModel;
import com.orthoseg.segments.assign.ModelCache;
import com.orthoseg.segments.assign.SegmentCatalog;
import com.orthoseg.segments.assign.SegmentCatalog.SchemeView;
import com.orthoseg.segments.store.ModelStore;
import com.orthoseg.segments.store.SegmentQueries;
import com.orthoseg.segments.store.SegmentQueries.Page;
import com.orthoseg.segments.store.SegmentQueries.Sort;
import com.orthoseg.support.Problem;
import com.orthoseg.support.ProblemException;
import com.orthoseg.support.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.Arrays;
import java.util.List;

/** The segments of the active versions: what they are, how big, what sets them apart; their doctors; operator edits. */
@RolesAllowed({Roles.ANALYST, Roles.SUPPORT})
@Path("/api/v1/segments")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentsResource {

    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_NAME_LENGTH = 80;
    static final int MAX_PLAYBOOK_LENGTH = 4000;

    /** What an operator may change; a field left out stays as it is, an empty string restores the default. */
    public record SegmentEdit(String name, String playbook) {
    }

    private final SegmentCatalog catalog;
    private final ModelCache models;
    private final ModelStore store;
    private final SegmentQueries queries;
    private final Pool pool;

    public SegmentsResource(SegmentCatalog catalog, ModelCache models, ModelStore store, SegmentQueries queries, Pool pool) {
        this.catalog = catalog;
        this.models = models;
        this.store = store;
        this.queries = queries;
        this.pool = pool;
    }

    @GET
    @Operation(summary = "The segments of every scheme's active version",
            description = "A scheme without an active version is listed with no segments.")
    public Uni<List<SchemeView>> segments() {
        return catalog.segments();
    }

    @GET
    @Path("/{scheme}/{id}/doctors")
    @RolesAllowed(Roles.ANALYST)
    @Operation(summary = "The doctors in a segment now, a page at a time")
    @APIResponse(responseCode = "400", description = "A paging or sorting parameter is out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page> doctors(@PathParam("scheme") String scheme, @PathParam("id") String segmentId,
                             @QueryParam("page") @DefaultValue("0") int page,
                             @QueryParam("size") @DefaultValue("50") int size,
                             @QueryParam("sort") @DefaultValue("doctorId") String sort,
                             @QueryParam("order") @DefaultValue("asc") String order) {
        Scheme s = Params.scheme(scheme);
        Params.id(segmentId, "segment id");
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("page must be ≥ 0 and size 1 to " + MAX_PAGE_SIZE);
        }
        Sort by = Arrays.stream(Sort.values()).filter(v -> v.name().equals(sort)).findFirst()
                .orElseThrow(() -> ProblemException.badRequest("sort is one of doctorId, since, margin"));
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ProblemException.badRequest("order is asc or desc");
        }
        return known(s, segmentId).flatMap(x -> queries.members(s, segmentId, page, size, by, order.equals("desc")));
    }

    @PATCH
    @Path("/{scheme}/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a segment or set its playbook",
            description = "Kept across retrains that keep the segment id; an empty string restores the generated name or default playbook.")
    public Uni<SchemeView> edit(@PathParam("scheme") String scheme, @PathParam("id") String segmentId, SegmentEdit edit) {
        Scheme s = Params.scheme(scheme);
        Params.id(segmentId, "segment id");
        if (edit == null || (edit.name() == null && edit.playbook() == null)) {
            throw ProblemException.badRequest("give a name, a playbook, or both");
        }
        if (edit.name() != null && (edit.name().length() > MAX_NAME_LENGTH || (!edit.name().isEmpty() && edit.name().isBlank()))) {
            throw ProblemException.badRequest("a name has 1 to " + MAX_NAME_LENGTH + " characters, not only spaces");
        }
        if (edit.playbook() != null && edit.playbook().length() > MAX_PLAYBOOK_LENGTH) {
            throw ProblemException.badRequest("a playbook has at most " + MAX_PLAYBOOK_LENGTH + " characters");
        }
        return known(s, segmentId)
                .flatMap(active -> pool.withTransaction(conn -> store.override(conn, s, segmentId, edit.name(), edit.playbook())))
                .flatMap(x -> models.active(pool))
                .flatMap(active -> edit.name() == null ? Uni.createFrom().voidItem()
                        : queries.renameAssigned(s, segmentId, active.get(s).name(segmentId)))
                .flatMap(x -> segments())
                .map(all -> all.stream().filter(v -> v.scheme() == s).findFirst().orElseThrow());
    }

    /** The active model of the scheme, when the segment is one of its segments. */
    private Uni<ActiveModel> known(Scheme scheme, String segmentId) {
        return models.active(pool).map(active -> {
            ActiveModel model = active.get(scheme);
            if (model == null || model.model().segment(segmentId) == null) {
                throw ProblemException.notFound("no segment " + segmentId + " in the active " + scheme + " version");
            }
            return model;
        });
    }
}
