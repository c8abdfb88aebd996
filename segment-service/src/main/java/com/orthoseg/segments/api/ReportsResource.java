package com.orthoseg.segments.api;

import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.report.DataCoverage;
import com.orthoseg.segments.report.MarkdownReport;
import com.orthoseg.segments.report.PurchasesVsComplaints;
import com.orthoseg.segments.report.RegionBreakdown;
import com.orthoseg.segments.report.ReportService;
import com.orthoseg.segments.report.ScatterPoint;
import com.orthoseg.segments.report.SchemeReport;
import com.orthoseg.segments.report.SegmentationReport;
import com.orthoseg.support.Problem;
import com.orthoseg.support.ProblemException;
import com.orthoseg.support.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** The analysts' questions answered from live data; the dashboard is drawn from these. */
@RolesAllowed(Roles.ANALYST)
@Path("/api/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource {

    static final String MARKDOWN = "text/markdown";

    private final ReportService reports;

    public ReportsResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/segmentation")
    @Produces({MediaType.APPLICATION_JSON, MARKDOWN, MediaType.TEXT_HTML})
    @Operation(summary = "The whole segmentation report",
            description = "JSON, Markdown, or a self-contained HTML page with its charts embedded (for printing and e-mail); "
                    + "chosen by ?format= or else by the Accept header.")
    @APIResponse(responseCode = "400", description = "An unknown format",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> segmentation(@Parameter(description = "json, markdown or html") @QueryParam("format") String format,
                                      @Context HttpHeaders headers) {
        String chosen = format != null ? format : fromAccept(headers.getAcceptableMediaTypes());
        return switch (chosen) {
            case "json" -> reports.report().map(report -> Response.ok(report, MediaType.APPLICATION_JSON).build());
            case "markdown" -> reports.report().map(report ->
                    Response.ok(MarkdownReport.markdown(report), MARKDOWN + ";charset=UTF-8").build());
            case "html" -> reports.reportWithPoints().map(both ->
                    Response.ok(MarkdownReport.html(both.report(), both.points()), MediaType.TEXT_HTML + ";charset=UTF-8").build());
            default -> throw ProblemException.badRequest("format is json, markdown or html");
        };
    }

    /** The first of json, markdown and html the client accepts, in its order of preference; json for anything. */
    private static String fromAccept(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return "json";
            }
            if (type.isCompatible(MediaType.valueOf(MARKDOWN))) {
                return "markdown";
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return "html";
            }
        }
        return "json";
    }

    @GET
    @Path("/coverage")
    @Operation(summary = "How many doctors have which sources (profile, orders, complaints, instructions)")
    public Uni<DataCoverage> coverage() {
        return reports.report().map(SegmentationReport::coverage);
    }

    @GET
    @Path("/regions")
    @Operation(summary = "Doctors and average purchases per region, category and rank")
    public Uni<RegionBreakdown> regions() {
        return reports.report().map(SegmentationReport::regions);
    }

    @GET
    @Path("/purchases-vs-complaints")
    @Operation(summary = "Purchases against complaints: correlations with p-values, terciles against complaints, and a conclusion in words")
    public Uni<PurchasesVsComplaints> purchasesVsComplaints() {
        return reports.report().map(SegmentationReport::purchasesVsComplaints);
    }

    @GET
    @Path("/segments")
    @Operation(summary = "Per scheme: the segments, what drives them, what distinguishes each, and their regions and categories",
            description = "A scheme without an active version is left out.")
    public Uni<List<SchemeReport>> segments() {
        return reports.report().map(SegmentationReport::schemes);
    }

    @GET
    @Path("/segments/{scheme}")
    @Operation(summary = "One scheme's part of the segment report")
    @APIResponse(responseCode = "404", description = "The scheme has no active version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SchemeReport> scheme(@PathParam("scheme") String scheme) {
        Scheme s = Params.scheme(scheme);
        return reports.report().map(report -> report.schemes().stream().filter(r -> r.scheme() == s).findFirst()
                .orElseThrow(() -> ProblemException.notFound("the " + s + " scheme has no active version yet")));
    }

    @GET
    @Path("/scatter")
    @Operation(summary = "Purchases and complaints of every profiled doctor with a purchases figure, with its segments")
    public Uni<List<ScatterPoint>> scatter() {
        return reports.scatter();
    }
}
