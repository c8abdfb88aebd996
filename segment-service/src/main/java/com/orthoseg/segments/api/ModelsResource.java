package com.orthoseg.segments.api;

import com.orthoseg.segments.assign.ModelLifecycle;
import com.orthoseg.segments.assign.Preview;
import com.orthoseg.segments.store.ModelStore;
import com.orthoseg.segments.store.ModelVersion;
import com.orthoseg.support.Problem;
import com.orthoseg.support.ProblemException;
import com.orthoseg.support.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;

/** Model versions: list, inspect (with quality figures), retrain, preview, activate, discard. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ModelStore models;
    private final ModelLifecycle lifecycle;
    private final Pool pool;

    public ModelsResource(ModelStore models, ModelLifecycle lifecycle, Pool pool) {
        this.models = models;
        this.lifecycle = lifecycle;
        this.pool = pool;
    }

    @GET
    @Operation(summary = "Every model version, newest first per scheme (without parameters)")
    public Uni<List<ModelVersion>> list() {
        return models.list(pool);
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One model version: its frozen parameters and quality-gate figures")
    @APIResponse(responseCode = "404", description = "No such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ModelVersion> version(@PathParam("version") String versionId) {
        Params.id(versionId, "model version");
        return models.find(pool, versionId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("no model version " + versionId)));
    }

    @POST
    @Path("/{scheme}/retrain")
    @Operation(summary = "Train a new version on every profiled doctor's latest features",
            description = "It starts as a PREVIEW; a scheme's first version is activated at once when it passes the quality gate.")
    @APIResponse(responseCode = "201", description = "The new version")
    @APIResponse(responseCode = "409", description = "A retrain of the scheme is running, or there are too few doctors",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> retrain(@PathParam("scheme") String scheme) {
        return lifecycle.retrain(Params.scheme(scheme)).map(version -> Response
                .created(URI.create("/api/v1/models/" + version.id())).entity(version).build());
    }

    @GET
    @Path("/{version}/preview")
    @Operation(summary = "Who would move, from which segment to which, if the version were activated now")
    public Uni<Preview> preview(@PathParam("version") String versionId) {
        return lifecycle.preview(Params.id(versionId, "model version"));
    }

    @POST
    @Path("/{version}/activate")
    @Operation(summary = "Make the version its scheme's active one",
            description = "Doctors it places in another segment get a MODEL_ACTIVATED change. A retired version can be re-activated.")
    @APIResponse(responseCode = "409", description = "The version was discarded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ModelVersion> activate(@PathParam("version") String versionId) {
        return lifecycle.activate(Params.id(versionId, "model version"));
    }

    @POST
    @Path("/{version}/discard")
    @Operation(summary = "Discard a version that is not active")
    public Uni<ModelVersion> discard(@PathParam("version") String versionId) {
        return lifecycle.discard(Params.id(versionId, "model version"));
    }
}
