package com.orthoseg.features.api;

import com.orthoseg.events.DoctorFeatures;
import com.orthoseg.events.TextLimits;
import com.orthoseg.features.store.FeaturesStore;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /api/v1/doctors/{id}/features}: the features last computed for a doctor (stored before the outbox relays them). */
@RolesAllowed(Roles.SUPPORT)
@Path("/api/v1/doctors/{id}/features")
public class FeaturesResource {

    private final Pool pool;
    private final FeaturesStore store;

    public FeaturesResource(Pool pool, FeaturesStore store) {
        this.pool = pool;
        this.store = store;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A doctor's features",
            description = "As of asOf: windows are exact for that instant, and daysSinceLastOrder counts to it.")
    @APIResponse(responseCode = "200", description = "The features, coverage, asOf and sequence",
            content = @Content(schema = @Schema(implementation = DoctorFeatures.class)))
    @APIResponse(responseCode = "404", description = "No event of this doctor has been seen",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DoctorFeatures> features(@PathParam("id") String doctorId) {
        if (doctorId.length() > TextLimits.MAX_ID_LENGTH) {
            throw ProblemException.badRequest("a doctor id has at most " + TextLimits.MAX_ID_LENGTH + " characters");
        }
        return store.find(pool, doctorId).map(features -> {
            if (features == null) {
                throw ProblemException.notFound("no features for doctor " + doctorId
                        + ": no event of this doctor has been processed");
            }
            return features;
        });
    }
}
