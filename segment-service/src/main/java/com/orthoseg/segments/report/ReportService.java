package com.orthoseg.segments.report;

import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.assign.SegmentCatalog;
import com.orthoseg.segments.store.ReportQueries;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Answers the reports from live data: one read of every doctor with region and segments, then the
 * statistics on a worker thread (a surrogate tree over 10,000 doctors takes milliseconds, but not on the
 * event loop).
 */
@ApplicationScoped
public class ReportService {

    private final ReportQueries queries;
    private final SegmentCatalog catalog;

    public ReportService(ReportQueries queries, SegmentCatalog catalog) {
        this.queries = queries;
        this.catalog = catalog;
    }

    /** The report and the scatter points of the same doctors, from one read (the printable HTML report needs both). */
    public record ReportWithPoints(SegmentationReport report, List<ScatterPoint> points) {
    }

    public Uni<SegmentationReport> report() {
        return reportWithPoints().map(ReportWithPoints::report);
    }

    public Uni<ReportWithPoints> reportWithPoints() {
        return queries.doctors().flatMap(doctors -> catalog.segments()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(schemes -> new ReportWithPoints(SegmentationReport.of(Instant.now(), doctors, schemes), points(doctors))));
    }

    public Uni<List<ScatterPoint>> scatter() {
        return queries.doctors().map(ReportService::points);
    }

    private static List<ScatterPoint> points(List<ReportDoctor> doctors) {
        return doctors.stream()
                .filter(d -> d.coverage().hasProfile() && d.feature("purchases") != null)
                .map(d -> new ScatterPoint(d.doctorId(), d.feature("purchases"), d.complaints(),
                        d.segments().get(Scheme.clusters), d.segments().get(Scheme.rfm)))
                .toList();
    }
}
