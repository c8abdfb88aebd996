package com.orthoseg.ingest.api;

import com.orthoseg.ingest.EventKind;
import com.orthoseg.ingest.csv.CsvFormatException;
import com.orthoseg.ingest.csv.CsvImporter;
import com.orthoseg.ingest.csv.ImportSummary;
import com.orthoseg.support.Problem;
import com.orthoseg.support.ProblemException;
import com.orthoseg.support.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** {@code POST /api/v1/imports/{kind}}: a CSV file in the Datacamp format, streamed row by row. */
@RolesAllowed(Roles.INGEST)
@Path("/api/v1/imports")
public class ImportsResource {

    private final CsvImporter importer;

    public ImportsResource(CsvImporter importer) {
        this.importer = importer;
    }

    @POST
    @Path("/{kind}")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import a CSV file",
            description = "Datacamp headers (orders may add PlacedAt and Amount). Every valid row is published; "
                    + "the summary lists each rejected line with its reasons. Importing a file again gives the same "
                    + "event ids, so consumers apply it once.")
    @RequestBody(content = @Content(mediaType = "text/csv", examples = @ExampleObject(name = "orders", value = """
            "DoctorID","OrderID","OrderNum","Condition A","Condition B","Condition J","PlacedAt","Amount"
            "ABJEAI","DGEJFDC","AIBEHCJ",false,true,"Before",2026-03-01,1250.00""")))
    @APIResponse(responseCode = "202", description = "The import summary; accepted rows are acknowledged by Kafka",
            content = @Content(schema = @Schema(implementation = ImportSummary.class)))
    @APIResponse(responseCode = "400", description = "Not a usable file (no header, required column missing)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka unavailable; importing the file again is safe",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importFile(
            @Parameter(schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"doctors", "orders", "complaints", "instructions"})) @PathParam("kind") String path,
            InputStream body) {
        EventKind kind = IngestProblems.kindOf(path);
        try {
            return Response.accepted(importer.importFile(kind, new BufferedReader(new InputStreamReader(body,
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)), 1 << 16))).build();
        } catch (CsvFormatException e) {
            throw ProblemException.importStopped(e.getMessage(), e.accepted());
        }
    }
}
